/**
 * Protobuf message tables for k8s.io/api/{policy,networking,scheduling,autoscaling,coordination,discovery,storage}/v* (generated.proto, Kubernetes v1.32),
 * generated from the file descriptors and Go struct tags compiled into kubectl v1.32.4, limited to
 * the messages reachable from the kinds the API server serves. Field syntax: see ../schema.ts.
 */
import type { SchemaTable } from '../schema.js';

/** policy.v1, networking.v1, scheduling.v1, autoscaling.v1, autoscaling.v2, coordination.v1, discovery.v1, storage.v1 messages, by qualified name. */
// prettier-ignore
export const OTHER_GROUPS: SchemaTable = {
  'coordination.v1.LeaseSpec':
    'holderIdentity:1:string*? leaseDurationSeconds:2:int32*? acquireTime:3:meta.v1.MicroTime*? ' +
    'renewTime:4:meta.v1.MicroTime*? leaseTransitions:5:int32*? strategy:6:string*? ' +
    'preferredHolder:7:string*?',
  'coordination.v1.Lease': 'metadata(ObjectMeta):1:meta.v1.ObjectMeta? spec:2:LeaseSpec',
  'discovery.v1.EndpointConditions': 'ready:1:bool*? serving:2:bool*? terminating:3:bool*?',
  'discovery.v1.ForZone': 'name:1:string',
  'discovery.v1.EndpointHints': 'forZones:1:ForZone[]?',
  'discovery.v1.Endpoint':
    'addresses:1:string[] conditions:2:EndpointConditions? hostname:3:string*? ' +
    'targetRef:4:core.v1.ObjectReference*? deprecatedTopology:5:string{}? nodeName:6:string*? zone:7:string*? ' +
    'hints:8:EndpointHints*?',
  'discovery.v1.EndpointPort': 'name:1:string*? protocol:2:string*? port:3:int32*? appProtocol:4:string*?',
  'discovery.v1.EndpointSlice':
    'metadata(ObjectMeta):1:meta.v1.ObjectMeta? addressType:4:string endpoints:2:Endpoint[] ' +
    'ports:3:EndpointPort[]',
  'policy.v1.PodDisruptionBudgetSpec':
    'minAvailable:1:intstr.IntOrString*? selector:2:meta.v1.LabelSelector*? ' +
    'maxUnavailable:3:intstr.IntOrString*? unhealthyPodEvictionPolicy:4:string*?',
  'policy.v1.PodDisruptionBudgetStatus':
    'observedGeneration:1:int64? disruptedPods:2:meta.v1.Time{}? disruptionsAllowed:3:int32 ' +
    'currentHealthy:4:int32 desiredHealthy:5:int32 expectedPods:6:int32 conditions:7:meta.v1.Condition[]?',
  'policy.v1.PodDisruptionBudget':
    'metadata(ObjectMeta):1:meta.v1.ObjectMeta? spec:2:PodDisruptionBudgetSpec ' +
    'status:3:PodDisruptionBudgetStatus',
  'policy.v1.Eviction':
    'metadata(ObjectMeta):1:meta.v1.ObjectMeta? deleteOptions:2:meta.v1.DeleteOptions*?',
  'autoscaling.v2.CrossVersionObjectReference':
    'kind:1:string name:2:string apiVersion(APIVersion):3:string?',
  'autoscaling.v2.MetricTarget':
    'type:1:string value:2:resource.Quantity*? averageValue:3:resource.Quantity*? ' +
    'averageUtilization:4:int32*?',
  'autoscaling.v2.MetricIdentifier': 'name:1:string selector:2:meta.v1.LabelSelector*?',
  'autoscaling.v2.ObjectMetricSource':
    'describedObject:1:CrossVersionObjectReference target:2:MetricTarget metric:3:MetricIdentifier',
  'autoscaling.v2.PodsMetricSource': 'metric:1:MetricIdentifier target:2:MetricTarget',
  'autoscaling.v2.ResourceMetricSource': 'name:1:string target:2:MetricTarget',
  'autoscaling.v2.ContainerResourceMetricSource': 'name:1:string target:2:MetricTarget container:3:string',
  'autoscaling.v2.ExternalMetricSource': 'metric:1:MetricIdentifier target:2:MetricTarget',
  'autoscaling.v2.MetricSpec':
    'type:1:string object:2:ObjectMetricSource*? pods:3:PodsMetricSource*? resource:4:ResourceMetricSource*? ' +
    'containerResource:7:ContainerResourceMetricSource*? external:5:ExternalMetricSource*?',
  'autoscaling.v2.HPAScalingPolicy': 'type:1:string value:2:int32 periodSeconds:3:int32',
  'autoscaling.v2.HPAScalingRules':
    'stabilizationWindowSeconds:3:int32*? selectPolicy:1:string*? policies:2:HPAScalingPolicy[]?',
  'autoscaling.v2.HorizontalPodAutoscalerBehavior':
    'scaleUp:1:HPAScalingRules*? scaleDown:2:HPAScalingRules*?',
  'autoscaling.v2.HorizontalPodAutoscalerSpec':
    'scaleTargetRef:1:CrossVersionObjectReference minReplicas:2:int32*? maxReplicas:3:int32 ' +
    'metrics:4:MetricSpec[]? behavior:5:HorizontalPodAutoscalerBehavior*?',
  'autoscaling.v2.MetricValueStatus':
    'value:1:resource.Quantity*? averageValue:2:resource.Quantity*? averageUtilization:3:int32*?',
  'autoscaling.v2.ObjectMetricStatus':
    'metric:1:MetricIdentifier current:2:MetricValueStatus describedObject:3:CrossVersionObjectReference',
  'autoscaling.v2.PodsMetricStatus': 'metric:1:MetricIdentifier current:2:MetricValueStatus',
  'autoscaling.v2.ResourceMetricStatus': 'name:1:string current:2:MetricValueStatus',
  'autoscaling.v2.ContainerResourceMetricStatus':
    'name:1:string current:2:MetricValueStatus container:3:string',
  'autoscaling.v2.ExternalMetricStatus': 'metric:1:MetricIdentifier current:2:MetricValueStatus',
  'autoscaling.v2.MetricStatus':
    'type:1:string object:2:ObjectMetricStatus*? pods:3:PodsMetricStatus*? resource:4:ResourceMetricStatus*? ' +
    'containerResource:7:ContainerResourceMetricStatus*? external:5:ExternalMetricStatus*?',
  'autoscaling.v2.HorizontalPodAutoscalerCondition':
    'type:1:string status:2:string lastTransitionTime:3:meta.v1.Time? reason:4:string? message:5:string?',
  'autoscaling.v2.HorizontalPodAutoscalerStatus':
    'observedGeneration:1:int64*? lastScaleTime:2:meta.v1.Time*? currentReplicas:3:int32? ' +
    'desiredReplicas:4:int32 currentMetrics:5:MetricStatus[] conditions:6:HorizontalPodAutoscalerCondition[]?',
  'autoscaling.v2.HorizontalPodAutoscaler':
    'metadata(ObjectMeta):1:meta.v1.ObjectMeta? spec:2:HorizontalPodAutoscalerSpec ' +
    'status:3:HorizontalPodAutoscalerStatus',
  'autoscaling.v1.CrossVersionObjectReference':
    'kind:1:string name:2:string apiVersion(APIVersion):3:string?',
  'autoscaling.v1.HorizontalPodAutoscalerSpec':
    'scaleTargetRef:1:CrossVersionObjectReference minReplicas:2:int32*? maxReplicas:3:int32 ' +
    'targetCPUUtilizationPercentage:4:int32*?',
  'autoscaling.v1.HorizontalPodAutoscalerStatus':
    'observedGeneration:1:int64*? lastScaleTime:2:meta.v1.Time*? currentReplicas:3:int32 ' +
    'desiredReplicas:4:int32 currentCPUUtilizationPercentage:5:int32*?',
  'autoscaling.v1.HorizontalPodAutoscaler':
    'metadata(ObjectMeta):1:meta.v1.ObjectMeta? spec:2:HorizontalPodAutoscalerSpec ' +
    'status:3:HorizontalPodAutoscalerStatus',
  'autoscaling.v1.ScaleSpec': 'replicas:1:int32?',
  'autoscaling.v1.ScaleStatus': 'replicas:1:int32 selector:2:string?',
  'autoscaling.v1.Scale':
    'metadata(ObjectMeta):1:meta.v1.ObjectMeta? spec:2:ScaleSpec status:3:ScaleStatus',
  'networking.v1.ServiceBackendPort': 'name:1:string? number:2:int32?',
  'networking.v1.IngressServiceBackend': 'name:1:string port:2:ServiceBackendPort?',
  'networking.v1.IngressBackend':
    'service:4:IngressServiceBackend*? resource:3:core.v1.TypedLocalObjectReference*?',
  'networking.v1.IngressTLS': 'hosts:1:string[]? secretName:2:string?',
  'networking.v1.HTTPIngressPath': 'path:1:string? pathType:3:string* backend:2:IngressBackend',
  'networking.v1.HTTPIngressRuleValue': 'paths:1:HTTPIngressPath[]',
  'networking.v1.IngressRuleValue': 'http(HTTP):1:HTTPIngressRuleValue*?',
  'networking.v1.IngressRule': 'host:1:string? ingressRuleValue:2:IngressRuleValue^',
  'networking.v1.IngressSpec':
    'ingressClassName:4:string*? defaultBackend:1:IngressBackend*? tls(TLS):2:IngressTLS[]? ' +
    'rules:3:IngressRule[]?',
  'networking.v1.IngressPortStatus': 'port:1:int32 protocol:2:string error:3:string*?',
  'networking.v1.IngressLoadBalancerIngress':
    'ip(IP):1:string? hostname:2:string? ports:4:IngressPortStatus[]?',
  'networking.v1.IngressLoadBalancerStatus': 'ingress:1:IngressLoadBalancerIngress[]?',
  'networking.v1.IngressStatus': 'loadBalancer:1:IngressLoadBalancerStatus?',
  'networking.v1.Ingress':
    'metadata(ObjectMeta):1:meta.v1.ObjectMeta? spec:2:IngressSpec status:3:IngressStatus',
  'networking.v1.IngressClassParametersReference':
    'apiGroup(APIGroup):1:string*? kind:2:string name:3:string scope:4:string* namespace:5:string*?',
  'networking.v1.IngressClassSpec': 'controller:1:string? parameters:2:IngressClassParametersReference*?',
  'networking.v1.IngressClass': 'metadata(ObjectMeta):1:meta.v1.ObjectMeta? spec:2:IngressClassSpec',
  'networking.v1.NetworkPolicyPort': 'protocol:1:string*? port:2:intstr.IntOrString*? endPort:3:int32*?',
  'networking.v1.IPBlock': 'cidr(CIDR):1:string except:2:string[]?',
  'networking.v1.NetworkPolicyPeer':
    'podSelector:1:meta.v1.LabelSelector*? namespaceSelector:2:meta.v1.LabelSelector*? ' +
    'ipBlock(IPBlock):3:IPBlock*?',
  'networking.v1.NetworkPolicyIngressRule': 'ports:1:NetworkPolicyPort[]? from:2:NetworkPolicyPeer[]?',
  'networking.v1.NetworkPolicyEgressRule': 'ports:1:NetworkPolicyPort[]? to:2:NetworkPolicyPeer[]?',
  'networking.v1.NetworkPolicySpec':
    'podSelector:1:meta.v1.LabelSelector ingress:2:NetworkPolicyIngressRule[]? ' +
    'egress:3:NetworkPolicyEgressRule[]? policyTypes:4:string[]?',
  'networking.v1.NetworkPolicy': 'metadata(ObjectMeta):1:meta.v1.ObjectMeta? spec:2:NetworkPolicySpec',
  'scheduling.v1.PriorityClass':
    'metadata(ObjectMeta):1:meta.v1.ObjectMeta? value:2:int32 globalDefault:3:bool? description:4:string? ' +
    'preemptionPolicy:5:string*?',
  'storage.v1.StorageClass':
    'metadata(ObjectMeta):1:meta.v1.ObjectMeta? provisioner:2:string parameters:3:string{}? ' +
    'reclaimPolicy:4:string*? mountOptions:5:string[]? allowVolumeExpansion:6:bool*? ' +
    'volumeBindingMode:7:string*? allowedTopologies:8:core.v1.TopologySelectorTerm[]?',
};
