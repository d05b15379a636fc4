/**
 * Protobuf message tables for k8s.io/api/core/v1 (generated.proto, Kubernetes v1.32),
 * generated from the file descriptors and Go struct tags compiled into kubectl v1.32.4, limited to
 * the messages reachable from the kinds the API server serves. Field syntax: see ../schema.ts.
 */
import type { SchemaTable } from '../schema.js';

/** core.v1 messages, by qualified name. */
// prettier-ignore
export const CORE_V1: SchemaTable = {
  'core.v1.NamespaceSpec': 'finalizers:1:string[]?',
  'core.v1.NamespaceCondition':
    'type:1:string status:2:string lastTransitionTime:4:meta.v1.Time? reason:5:string? message:6:string?',
  'core.v1.NamespaceStatus': 'phase:1:string? conditions:2:NamespaceCondition[]?',
  'core.v1.Namespace':
    'metadata(ObjectMeta):1:meta.v1.ObjectMeta? spec:2:NamespaceSpec status:3:NamespaceStatus',
  'core.v1.Taint': 'key:1:string value:2:string? effect:3:string timeAdded:4:meta.v1.Time*?',
  'core.v1.ConfigMapNodeConfigSource':
    'namespace:1:string name:2:string uid(UID):3:string? resourceVersion:4:string? kubeletConfigKey:5:string',
  'core.v1.NodeConfigSource': 'configMap:2:ConfigMapNodeConfigSource*?',
  'core.v1.NodeSpec':
    'podCIDR:1:string? podCIDRs:7:string[]? providerID:3:string? unschedulable:4:bool? taints:5:Taint[]? ' +
    'configSource:6:NodeConfigSource*? externalID(DoNotUseExternalID):2:string?',
  'core.v1.NodeCondition':
    'type:1:string status:2:string lastHeartbeatTime:3:meta.v1.Time? lastTransitionTime:4:meta.v1.Time? ' +
    'reason:5:string? message:6:string?',
  'core.v1.NodeAddress': 'type:1:string address:2:string',
  'core.v1.DaemonEndpoint': 'Port:1:int32',
  'core.v1.NodeDaemonEndpoints': 'kubeletEndpoint:1:DaemonEndpoint?',
  'core.v1.NodeSystemInfo':
    'machineID:1:string systemUUID:2:string bootID:3:string kernelVersion:4:string osImage(OSImage):5:string ' +
    'containerRuntimeVersion:6:string kubeletVersion:7:string kubeProxyVersion:8:string ' +
    'operatingSystem:9:string architecture:10:string',
  'core.v1.ContainerImage': 'names:1:string[] sizeBytes:2:int64?',
  'core.v1.AttachedVolume': 'name:1:string devicePath:2:string',
  'core.v1.NodeConfigStatus':
    'assigned:1:NodeConfigSource*? active:2:NodeConfigSource*? lastKnownGood:3:NodeConfigSource*? ' +
    'error:4:string?',
  'core.v1.NodeRuntimeHandlerFeatures': 'recursiveReadOnlyMounts:1:bool*? userNamespaces:2:bool*?',
  'core.v1.NodeRuntimeHandler': 'name:1:string features:2:NodeRuntimeHandlerFeatures*?',
  'core.v1.NodeFeatures': 'supplementalGroupsPolicy:1:bool*?',
  'core.v1.NodeStatus':
    'capacity:1:resource.Quantity{}? allocatable:2:resource.Quantity{}? phase:3:string? ' +
    'conditions:4:NodeCondition[]? addresses:5:NodeAddress[]? daemonEndpoints:6:NodeDaemonEndpoints? ' +
    'nodeInfo:7:NodeSystemInfo? images:8:ContainerImage[]? volumesInUse:9:string[]? ' +
    'volumesAttached:10:AttachedVolume[]? config:11:NodeConfigStatus*? ' +
    'runtimeHandlers:12:NodeRuntimeHandler[]? features:13:NodeFeatures*?',
  'core.v1.Node': 'metadata(ObjectMeta):1:meta.v1.ObjectMeta? spec:2:NodeSpec status:3:NodeStatus',
  'core.v1.PodCondition':
    'type:1:string status:2:string lastProbeTime:3:meta.v1.Time? lastTransitionTime:4:meta.v1.Time? ' +
    'reason:5:string? message:6:string?',
  'core.v1.HostIP': 'ip(IP):1:string',
  'core.v1.PodIP': 'ip(IP):1:string',
  'core.v1.ContainerStateWaiting': 'reason:1:string? message:2:string?',
  'core.v1.ContainerStateRunning': 'startedAt:1:meta.v1.Time?',
  'core.v1.ContainerStateTerminated':
    'exitCode:1:int32 signal:2:int32? reason:3:string? message:4:string? startedAt:5:meta.v1.Time? ' +
    'finishedAt:6:meta.v1.Time? containerID:7:string?',
  'core.v1.ContainerState':
    'waiting:1:ContainerStateWaiting*? running:2:ContainerStateRunning*? ' +
    'terminated:3:ContainerStateTerminated*?',
  'core.v1.VolumeMountStatus':
    'name:1:string mountPath:2:string readOnly:3:bool? recursiveReadOnly:4:string*?',
  'core.v1.LinuxContainerUser': 'uid(UID):1:int64 gid(GID):2:int64 supplementalGroups:3:int64[]?',
  'core.v1.ContainerUser': 'linux:1:LinuxContainerUser*?',
  'core.v1.ResourceHealth': 'resourceID:1:string health:2:string?',
  'core.v1.ResourceStatus': 'name:1:string resources:2:ResourceHealth[]?',
  'core.v1.ContainerStatus':
    'name:1:string state:2:ContainerState? lastState(LastTerminationState):3:ContainerState? ready:4:bool ' +
    'restartCount:5:int32 image:6:string imageID:7:string containerID:8:string? started:9:bool*? ' +
    'allocatedResources:10:resource.Quantity{}? resources:11:ResourceRequirements*? ' +
    'volumeMounts:12:VolumeMountStatus[]? user:13:ContainerUser*? ' +
    'allocatedResourcesStatus:14:ResourceStatus[]?',
  'core.v1.PodResourceClaimStatus': 'name:1:string resourceClaimName:2:string*?',
  'core.v1.PodStatus':
    'phase:1:string? conditions:2:PodCondition[]? message:3:string? reason:4:string? ' +
    'nominatedNodeName:11:string? hostIP:5:string? hostIPs:16:HostIP[]? podIP:6:string? podIPs:12:PodIP[]? ' +
    'startTime:7:meta.v1.Time*? initContainerStatuses:10:ContainerStatus[]? ' +
    'containerStatuses:8:ContainerStatus[]? qosClass(QOSClass):9:string? ' +
    'ephemeralContainerStatuses:13:ContainerStatus[]? resize:14:string? ' +
    'resourceClaimStatuses:15:PodResourceClaimStatus[]?',
  'core.v1.Pod': 'metadata(ObjectMeta):1:meta.v1.ObjectMeta? spec:2:PodSpec status:3:PodStatus',
  'core.v1.ServicePort':
    'name:1:string? protocol:2:string? appProtocol:6:string*? port:3:int32 targetPort:4:intstr.IntOrString? ' +
    'nodePort:5:int32?',
  'core.v1.ClientIPConfig': 'timeoutSeconds:1:int32*?',
  'core.v1.SessionAffinityConfig': 'clientIP:1:ClientIPConfig*?',
  'core.v1.ServiceSpec':
    'ports:1:ServicePort[]? selector:2:string{}? clusterIP:3:string? clusterIPs:18:string[]? type:4:string? ' +
    'externalIPs:5:string[]? sessionAffinity:7:string? loadBalancerIP:8:string? ' +
    'loadBalancerSourceRanges:9:string[]? externalName:10:string? externalTrafficPolicy:11:string? ' +
    'healthCheckNodePort:12:int32? publishNotReadyAddresses:13:bool? ' +
    'sessionAffinityConfig:14:SessionAffinityConfig*? ipFamilies(IPFamilies):19:string[]? ' +
    'ipFamilyPolicy(IPFamilyPolicy):17:string*? allocateLoadBalancerNodePorts:20:bool*? ' +
    'loadBalancerClass:21:string*? internalTrafficPolicy:22:string*? trafficDistribution:23:string*?',
  'core.v1.PortStatus': 'port:1:int32 protocol:2:string error:3:string*?',
  'core.v1.LoadBalancerIngress':
    'ip(IP):1:string? hostname:2:string? ipMode(IPMode):3:string*? ports:4:PortStatus[]?',
  'core.v1.LoadBalancerStatus': 'ingress:1:LoadBalancerIngress[]?',
  'core.v1.ServiceStatus': 'loadBalancer:1:LoadBalancerStatus? conditions:2:meta.v1.Condition[]?',
  'core.v1.Service': 'metadata(ObjectMeta):1:meta.v1.ObjectMeta? spec:2:ServiceSpec status:3:ServiceStatus',
  'core.v1.ObjectReference':
    'kind:1:string? namespace:2:string? name:3:string? uid(UID):4:string? apiVersion(APIVersion):5:string? ' +
    'resourceVersion:6:string? fieldPath:7:string?',
  'core.v1.EndpointAddress':
    'ip(IP):1:string hostname:3:string? nodeName:4:string*? targetRef:2:ObjectReference*?',
  'core.v1.EndpointPort': 'name:1:string? port:2:int32 protocol:3:string? appProtocol:4:string*?',
  'core.v1.EndpointSubset':
    'addresses:1:EndpointAddress[]? notReadyAddresses:2:EndpointAddress[]? ports:3:EndpointPort[]?',
  'core.v1.Endpoints': 'metadata(ObjectMeta):1:meta.v1.ObjectMeta? subsets:2:EndpointSubset[]?',
  'core.v1.ConfigMap':
    'metadata(ObjectMeta):1:meta.v1.ObjectMeta? immutable:4:bool*? data:2:string{}? binaryData:3:bytes{}?',
  'core.v1.Secret':
    'metadata(ObjectMeta):1:meta.v1.ObjectMeta? immutable:5:bool*? data:2:bytes{}? stringData:4:string{}? ' +
    'type:3:string?',
  'core.v1.ServiceAccount':
    'metadata(ObjectMeta):1:meta.v1.ObjectMeta? secrets:2:ObjectReference[]? ' +
    'imagePullSecrets:3:LocalObjectReference[]? automountServiceAccountToken:4:bool*?',
  'core.v1.EventSource': 'component:1:string? host:2:string?',
  'core.v1.EventSeries': 'count:1:int32? lastObservedTime:2:meta.v1.MicroTime?',
  'core.v1.Event':
    'metadata(ObjectMeta):1:meta.v1.ObjectMeta involvedObject:2:ObjectReference reason:3:string? ' +
    'message:4:string? source:5:EventSource? firstTimestamp:6:meta.v1.Time? lastTimestamp:7:meta.v1.Time? ' +
    'count:8:int32? type:9:string? eventTime:10:meta.v1.MicroTime? series:11:EventSeries*? action:12:string? ' +
    'related:13:ObjectReference*? reportingComponent(ReportingController):14:string ' +
    'reportingInstance:15:string',
  'core.v1.PodTemplateSpec': 'metadata(ObjectMeta):1:meta.v1.ObjectMeta? spec:2:PodSpec',
  'core.v1.ReplicationControllerSpec':
    'replicas:1:int32*? minReadySeconds:4:int32? selector:2:string{}? template:3:PodTemplateSpec*?',
  'core.v1.ReplicationControllerCondition':
    'type:1:string status:2:string lastTransitionTime:3:meta.v1.Time? reason:4:string? message:5:string?',
  'core.v1.ReplicationControllerStatus':
    'replicas:1:int32 fullyLabeledReplicas:2:int32? readyReplicas:4:int32? availableReplicas:5:int32? ' +
    'observedGeneration:3:int64? conditions:6:ReplicationControllerCondition[]?',
  'core.v1.ReplicationController':
    'metadata(ObjectMeta):1:meta.v1.ObjectMeta? spec:2:ReplicationControllerSpec ' +
    'status:3:ReplicationControllerStatus',
  'core.v1.GlusterfsPersistentVolumeSource':
    'endpoints(EndpointsName):1:string path:2:string readOnly:3:bool? endpointsNamespace:4:string*?',
  'core.v1.SecretReference': 'name:1:string? namespace:2:string?',
  'core.v1.RBDPersistentVolumeSource':
    'monitors(CephMonitors):1:string[] image(RBDImage):2:string fsType(FSType):3:string? ' +
    'pool(RBDPool):4:string? user(RadosUser):5:string? keyring:6:string? secretRef:7:SecretReference*? ' +
    'readOnly:8:bool?',
  'core.v1.ISCSIPersistentVolumeSource':
    'targetPortal:1:string iqn(IQN):2:string lun:3:int32 iscsiInterface(ISCSIInterface):4:string? ' +
    'fsType(FSType):5:string? readOnly:6:bool? portals:7:string[]? ' +
    'chapAuthDiscovery(DiscoveryCHAPAuth):8:bool? chapAuthSession(SessionCHAPAuth):11:bool? ' +
    'secretRef:10:SecretReference*? initiatorName:12:string*?',
  'core.v1.CinderPersistentVolumeSource':
    'volumeID:1:string fsType(FSType):2:string? readOnly:3:bool? secretRef:4:SecretReference*?',
  'core.v1.CephFSPersistentVolumeSource':
    'monitors:1:string[] path:2:string? user:3:string? secretFile:4:string? secretRef:5:SecretReference*? ' +
    'readOnly:6:bool?',
  'core.v1.FlexPersistentVolumeSource':
    'driver:1:string fsType(FSType):2:string? secretRef:3:SecretReference*? readOnly:4:bool? ' +
    'options:5:string{}?',
  'core.v1.AzureFilePersistentVolumeSource':
    'secretName:1:string shareName:2:string readOnly:3:bool? secretNamespace:4:string*',
  'core.v1.ScaleIOPersistentVolumeSource':
    'gateway:1:string system:2:string secretRef:3:SecretReference* sslEnabled(SSLEnabled):4:bool? ' +
    'protectionDomain:5:string? storagePool:6:string? storageMode:7:string? volumeName:8:string? ' +
    'fsType(FSType):9:string? readOnly:10:bool?',
  'core.v1.LocalVolumeSource': 'path:1:string fsType(FSType):2:string*?',
  'core.v1.StorageOSPersistentVolumeSource':
    'volumeName:1:string? volumeNamespace:2:string? fsType(FSType):3:string? readOnly:4:bool? ' +
    'secretRef:5:ObjectReference*?',
  'core.v1.CSIPersistentVolumeSource':
    'driver:1:string volumeHandle:2:string readOnly:3:bool? fsType(FSType):4:string? ' +
    'volumeAttributes:5:string{}? controllerPublishSecretRef:6:SecretReference*? ' +
    'nodeStageSecretRef:7:SecretReference*? nodePublishSecretRef:8:SecretReference*? ' +
    'controllerExpandSecretRef:9:SecretReference*? nodeExpandSecretRef:10:SecretReference*?',
  'core.v1.PersistentVolumeSource':
    'gcePersistentDisk(GCEPersistentDisk):1:GCEPersistentDiskVolumeSource*? ' +
    'awsElasticBlockStore(AWSElasticBlockStore):2:AWSElasticBlockStoreVolumeSource*? ' +
    'hostPath:3:HostPathVolumeSource*? glusterfs:4:GlusterfsPersistentVolumeSource*? ' +
    'nfs(NFS):5:NFSVolumeSource*? rbd(RBD):6:RBDPersistentVolumeSource*? ' +
    'iscsi(ISCSI):7:ISCSIPersistentVolumeSource*? cinder:8:CinderPersistentVolumeSource*? ' +
    'cephfs(CephFS):9:CephFSPersistentVolumeSource*? fc(FC):10:FCVolumeSource*? ' +
    'flocker:11:FlockerVolumeSource*? flexVolume:12:FlexPersistentVolumeSource*? ' +
    'azureFile:13:AzureFilePersistentVolumeSource*? vsphereVolume:14:VsphereVirtualDiskVolumeSource*? ' +
    'quobyte:15:QuobyteVolumeSource*? azureDisk:16:AzureDiskVolumeSource*? ' +
    'photonPersistentDisk:17:PhotonPersistentDiskVolumeSource*? portworxVolume:18:PortworxVolumeSource*? ' +
    'scaleIO:19:ScaleIOPersistentVolumeSource*? local:20:LocalVolumeSource*? ' +
    'storageos(StorageOS):21:StorageOSPersistentVolumeSource*? csi(CSI):22:CSIPersistentVolumeSource*?',
  'core.v1.VolumeNodeAffinity': 'required:1:NodeSelector*?',
  'core.v1.PersistentVolumeSpec':
    'capacity:1:resource.Quantity{}? persistentVolumeSource:2:PersistentVolumeSource^ accessModes:3:string[]? ' +
    'claimRef:4:ObjectReference*? persistentVolumeReclaimPolicy:5:string? storageClassName:6:string? ' +
    'mountOptions:7:string[]? volumeMode:8:string*? nodeAffinity:9:VolumeNodeAffinity*? ' +
    'volumeAttributesClassName:10:string*?',
  'core.v1.PersistentVolumeStatus':
    'phase:1:string? message:2:string? reason:3:string? lastPhaseTransitionTime:4:meta.v1.Time*?',
  'core.v1.PersistentVolume':
    'metadata(ObjectMeta):1:meta.v1.ObjectMeta? spec:2:PersistentVolumeSpec status:3:PersistentVolumeStatus',
  'core.v1.PersistentVolumeClaimCondition':
    'type:1:string status:2:string lastProbeTime:3:meta.v1.Time? lastTransitionTime:4:meta.v1.Time? ' +
    'reason:5:string? message:6:string?',
  'core.v1.ModifyVolumeStatus': 'targetVolumeAttributesClassName:1:string? status:2:string',
  'core.v1.PersistentVolumeClaimStatus':
    'phase:1:string? accessModes:2:string[]? capacity:3:resource.Quantity{}? ' +
    'conditions:4:PersistentVolumeClaimCondition[]? allocatedResources:5:resource.Quantity{}? ' +
    'allocatedResourceStatuses:7:string{}? currentVolumeAttributesClassName:8:string*? ' +
    'modifyVolumeStatus:9:ModifyVolumeStatus*?',
  'core.v1.PersistentVolumeClaim':
    'metadata(ObjectMeta):1:meta.v1.ObjectMeta? spec:2:PersistentVolumeClaimSpec ' +
    'status:3:PersistentVolumeClaimStatus',
  'core.v1.LimitRangeItem':
    'type:1:string max:2:resource.Quantity{}? min:3:resource.Quantity{}? default:4:resource.Quantity{}? ' +
    'defaultRequest:5:resource.Quantity{}? maxLimitRequestRatio:6:resource.Quantity{}?',
  'core.v1.LimitRangeSpec': 'limits:1:LimitRangeItem[]',
  'core.v1.LimitRange': 'metadata(ObjectMeta):1:meta.v1.ObjectMeta? spec:2:LimitRangeSpec',
  'core.v1.ScopedResourceSelectorRequirement': 'scopeName:1:string operator:2:string values:3:string[]?',
  'core.v1.ScopeSelector': 'matchExpressions:1:ScopedResourceSelectorRequirement[]?',
  'core.v1.ResourceQuotaSpec':
    'hard:1:resource.Quantity{}? scopes:2:string[]? scopeSelector:3:ScopeSelector*?',
  'core.v1.ResourceQuotaStatus': 'hard:1:resource.Quantity{}? used:2:resource.Quantity{}?',
  'core.v1.ResourceQuota':
    'metadata(ObjectMeta):1:meta.v1.ObjectMeta? spec:2:ResourceQuotaSpec status:3:ResourceQuotaStatus',
  'core.v1.Binding': 'metadata(ObjectMeta):1:meta.v1.ObjectMeta? target:2:ObjectReference',
  'core.v1.TopologySelectorLabelRequirement': 'key:1:string values:2:string[]',
  'core.v1.TopologySelectorTerm': 'matchLabelExpressions:1:TopologySelectorLabelRequirement[]?',
};
