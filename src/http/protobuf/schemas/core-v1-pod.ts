/**
 * Protobuf message tables for k8s.io/api/core/v1 generated.proto (Kubernetes v1.32): PodSpec and all it holds,
 * generated from the file descriptors and Go struct tags compiled into kubectl v1.32.4, limited to
 * the messages reachable from the kinds the API server serves. Field syntax: see ../schema.ts.
 */
import type { SchemaTable } from '../schema.js';

/** core.v1 messages, by qualified name. */
// prettier-ignore
export const CORE_V1_POD: SchemaTable = {
  'core.v1.HostPathVolumeSource': 'path:1:string type:2:string*?',
  'core.v1.EmptyDirVolumeSource': 'medium:1:string? sizeLimit:2:resource.Quantity*?',
  'core.v1.GCEPersistentDiskVolumeSource':
    'pdName(PDName):1:string fsType(FSType):2:string? partition:3:int32? readOnly:4:bool?',
  'core.v1.AWSElasticBlockStoreVolumeSource':
    'volumeID:1:string fsType(FSType):2:string? partition:3:int32? readOnly:4:bool?',
  'core.v1.GitRepoVolumeSource': 'repository:1:string revision:2:string? directory:3:string?',
  'core.v1.KeyToPath': 'key:1:string path:2:string mode:3:int32*?',
  'core.v1.SecretVolumeSource':
    'secretName:1:string? items:2:KeyToPath[]? defaultMode:3:int32*? optional:4:bool*?',
  'core.v1.NFSVolumeSource': 'server:1:string path:2:string readOnly:3:bool?',
  'core.v1.LocalObjectReference': 'name:1:string?',
  'core.v1.ISCSIVolumeSource':
    'targetPortal:1:string iqn(IQN):2:string lun:3:int32 iscsiInterface(ISCSIInterface):4:string? ' +
    'fsType(FSType):5:string? readOnly:6:bool? portals:7:string[]? ' +
    'chapAuthDiscovery(DiscoveryCHAPAuth):8:bool? chapAuthSession(SessionCHAPAuth):11:bool? ' +
    'secretRef:10:LocalObjectReference*? initiatorName:12:string*?',
  'core.v1.GlusterfsVolumeSource': 'endpoints(EndpointsName):1:string path:2:string readOnly:3:bool?',
  'core.v1.PersistentVolumeClaimVolumeSource': 'claimName:1:string readOnly:2:bool?',
  'core.v1.RBDVolumeSource':
    'monitors(CephMonitors):1:string[] image(RBDImage):2:string fsType(FSType):3:string? ' +
    'pool(RBDPool):4:string? user(RadosUser):5:string? keyring:6:string? secretRef:7:LocalObjectReference*? ' +
    'readOnly:8:bool?',
  'core.v1.FlexVolumeSource':
    'driver:1:string fsType(FSType):2:string? secretRef:3:LocalObjectReference*? readOnly:4:bool? ' +
    'options:5:string{}?',
  'core.v1.CinderVolumeSource':
    'volumeID:1:string fsType(FSType):2:string? readOnly:3:bool? secretRef:4:LocalObjectReference*?',
  'core.v1.CephFSVolumeSource':
    'monitors:1:string[] path:2:string? user:3:string? secretFile:4:string? ' +
    'secretRef:5:LocalObjectReference*? readOnly:6:bool?',
  'core.v1.FlockerVolumeSource': 'datasetName:1:string? datasetUUID:2:string?',
  'core.v1.ObjectFieldSelector': 'apiVersion(APIVersion):1:string? fieldPath:2:string',
  'core.v1.ResourceFieldSelector': 'containerName:1:string? resource:2:string divisor:3:resource.Quantity?',
  'core.v1.DownwardAPIVolumeFile':
    'path:1:string fieldRef:2:ObjectFieldSelector*? resourceFieldRef:3:ResourceFieldSelector*? mode:4:int32*?',
  'core.v1.DownwardAPIVolumeSource': 'items:1:DownwardAPIVolumeFile[]? defaultMode:2:int32*?',
  'core.v1.FCVolumeSource':
    'targetWWNs:1:string[]? lun:2:int32*? fsType(FSType):3:string? readOnly:4:bool? wwids(WWIDs):5:string[]?',
  'core.v1.AzureFileVolumeSource': 'secretName:1:string shareName:2:string readOnly:3:bool?',
  'core.v1.ConfigMapVolumeSource':
    'localObjectReference:1:LocalObjectReference^ items:2:KeyToPath[]? defaultMode:3:int32*? ' +
    'optional:4:bool*?',
  'core.v1.VsphereVirtualDiskVolumeSource':
    'volumePath:1:string fsType(FSType):2:string? storagePolicyName:3:string? storagePolicyID:4:string?',
  'core.v1.QuobyteVolumeSource':
    'registry:1:string volume:2:string readOnly:3:bool? user:4:string? group:5:string? tenant:6:string?',
  'core.v1.AzureDiskVolumeSource':
    'diskName:1:string diskURI(DataDiskURI):2:string cachingMode:3:string*? fsType(FSType):4:string*? ' +
    'readOnly:5:bool*? kind:6:string*?',
  'core.v1.PhotonPersistentDiskVolumeSource': 'pdID:1:string fsType(FSType):2:string?',
  'core.v1.SecretProjection':
    'localObjectReference:1:LocalObjectReference^ items:2:KeyToPath[]? optional:4:bool*?',
  'core.v1.DownwardAPIProjection': 'items:1:DownwardAPIVolumeFile[]?',
  'core.v1.ConfigMapProjection':
    'localObjectReference:1:LocalObjectReference^ items:2:KeyToPath[]? optional:4:bool*?',
  'core.v1.ServiceAccountTokenProjection': 'audience:1:string? expirationSeconds:2:int64*? path:3:string',
  'core.v1.ClusterTrustBundleProjection':
    'name:1:string*? signerName:2:string*? labelSelector:3:meta.v1.LabelSelector*? optional:5:bool*? ' +
    'path:4:string',
  'core.v1.VolumeProjection':
    'secret:1:SecretProjection*? downwardAPI:2:DownwardAPIProjection*? configMap:3:ConfigMapProjection*? ' +
    'serviceAccountToken:4:ServiceAccountTokenProjection*? ' +
    'clusterTrustBundle:5:ClusterTrustBundleProjection*?',
  'core.v1.ProjectedVolumeSource': 'sources:1:VolumeProjection[] defaultMode:2:int32*?',
  'core.v1.PortworxVolumeSource': 'volumeID:1:string fsType(FSType):2:string? readOnly:3:bool?',
  'core.v1.ScaleIOVolumeSource':
    'gateway:1:string system:2:string secretRef:3:LocalObjectReference* sslEnabled(SSLEnabled):4:bool? ' +
    'protectionDomain:5:string? storagePool:6:string? storageMode:7:string? volumeName:8:string? ' +
    'fsType(FSType):9:string? readOnly:10:bool?',
  'core.v1.StorageOSVolumeSource':
    'volumeName:1:string? volumeNamespace:2:string? fsType(FSType):3:string? readOnly:4:bool? ' +
    'secretRef:5:LocalObjectReference*?',
  'core.v1.CSIVolumeSource':
    'driver:1:string readOnly:2:bool*? fsType(FSType):3:string*? volumeAttributes:4:string{}? ' +
    'nodePublishSecretRef:5:LocalObjectReference*?',
  'core.v1.VolumeResourceRequirements': 'limits:1:resource.Quantity{}? requests:2:resource.Quantity{}?',
  'core.v1.TypedLocalObjectReference': 'apiGroup(APIGroup):1:string* kind:2:string name:3:string',
  'core.v1.TypedObjectReference':
    'apiGroup(APIGroup):1:string* kind:2:string name:3:string namespace:4:string*?',
  'core.v1.PersistentVolumeClaimSpec':
    'accessModes:1:string[]? selector:4:meta.v1.LabelSelector*? resources:2:VolumeResourceRequirements? ' +
    'volumeName:3:string? storageClassName:5:string*? volumeMode:6:string*? ' +
    'dataSource:7:TypedLocalObjectReference*? dataSourceRef:8:TypedObjectReference*? ' +
    'volumeAttributesClassName:9:string*?',
  'core.v1.PersistentVolumeClaimTemplate':
    'metadata(ObjectMeta):1:meta.v1.ObjectMeta? spec:2:PersistentVolumeClaimSpec',
  'core.v1.EphemeralVolumeSource': 'volumeClaimTemplate:1:PersistentVolumeClaimTemplate*?',
  'core.v1.ImageVolumeSource': 'reference:1:string? pullPolicy:2:string?',
  'core.v1.VolumeSource':
    'hostPath:1:HostPathVolumeSource*? emptyDir:2:EmptyDirVolumeSource*? ' +
    'gcePersistentDisk(GCEPersistentDisk):3:GCEPersistentDiskVolumeSource*? ' +
    'awsElasticBlockStore(AWSElasticBlockStore):4:AWSElasticBlockStoreVolumeSource*? ' +
    'gitRepo:5:GitRepoVolumeSource*? secret:6:SecretVolumeSource*? nfs(NFS):7:NFSVolumeSource*? ' +
    'iscsi(ISCSI):8:ISCSIVolumeSource*? glusterfs:9:GlusterfsVolumeSource*? ' +
    'persistentVolumeClaim:10:PersistentVolumeClaimVolumeSource*? rbd(RBD):11:RBDVolumeSource*? ' +
    'flexVolume:12:FlexVolumeSource*? cinder:13:CinderVolumeSource*? cephfs(CephFS):14:CephFSVolumeSource*? ' +
    'flocker:15:FlockerVolumeSource*? downwardAPI:16:DownwardAPIVolumeSource*? fc(FC):17:FCVolumeSource*? ' +
    'azureFile:18:AzureFileVolumeSource*? configMap:19:ConfigMapVolumeSource*? ' +
    'vsphereVolume:20:VsphereVirtualDiskVolumeSource*? quobyte:21:QuobyteVolumeSource*? ' +
    'azureDisk:22:AzureDiskVolumeSource*? photonPersistentDisk:23:PhotonPersistentDiskVolumeSource*? ' +
    'projected:26:ProjectedVolumeSource*? portworxVolume:24:PortworxVolumeSource*? ' +
    'scaleIO:25:ScaleIOVolumeSource*? storageos(StorageOS):27:StorageOSVolumeSource*? ' +
    'csi(CSI):28:CSIVolumeSource*? ephemeral:29:EphemeralVolumeSource*? image:30:ImageVolumeSource*?',
  'core.v1.Volume': 'name:1:string volumeSource:2:VolumeSource^',
  'core.v1.ContainerPort':
    'name:1:string? hostPort:2:int32? containerPort:3:int32 protocol:4:string? hostIP:5:string?',
  'core.v1.ConfigMapEnvSource': 'localObjectReference:1:LocalObjectReference^ optional:2:bool*?',
  'core.v1.SecretEnvSource': 'localObjectReference:1:LocalObjectReference^ optional:2:bool*?',
  'core.v1.EnvFromSource':
    'prefix:1:string? configMapRef:2:ConfigMapEnvSource*? secretRef:3:SecretEnvSource*?',
  'core.v1.ConfigMapKeySelector':
    'localObjectReference:1:LocalObjectReference^ key:2:string optional:3:bool*?',
  'core.v1.SecretKeySelector':
    'localObjectReference:1:LocalObjectReference^ key:2:string optional:3:bool*?',
  'core.v1.EnvVarSource':
    'fieldRef:1:ObjectFieldSelector*? resourceFieldRef:2:ResourceFieldSelector*? ' +
    'configMapKeyRef:3:ConfigMapKeySelector*? secretKeyRef:4:SecretKeySelector*?',
  'core.v1.EnvVar': 'name:1:string value:2:string? valueFrom:3:EnvVarSource*?',
  'core.v1.ResourceClaim': 'name:1:string request:2:string?',
  'core.v1.ResourceRequirements':
    'limits:1:resource.Quantity{}? requests:2:resource.Quantity{}? claims:3:ResourceClaim[]?',
  'core.v1.ContainerResizePolicy': 'resourceName:1:string restartPolicy:2:string',
  'core.v1.VolumeMount':
    'name:1:string readOnly:2:bool? recursiveReadOnly:7:string*? mountPath:3:string subPath:4:string? ' +
    'mountPropagation:5:string*? subPathExpr:6:string?',
  'core.v1.VolumeDevice': 'name:1:string devicePath:2:string',
  'core.v1.ExecAction': 'command:1:string[]?',
  'core.v1.HTTPHeader': 'name:1:string value:2:string',
  'core.v1.HTTPGetAction':
    'path:1:string? port:2:intstr.IntOrString host:3:string? scheme:4:string? ' +
    'httpHeaders(HTTPHeaders):5:HTTPHeader[]?',
  'core.v1.TCPSocketAction': 'port:1:intstr.IntOrString host:2:string?',
  'core.v1.GRPCAction': 'port:1:int32 service:2:string*',
  'core.v1.ProbeHandler':
    'exec:1:ExecAction*? httpGet(HTTPGet):2:HTTPGetAction*? tcpSocket(TCPSocket):3:TCPSocketAction*? ' +
    'grpc(GRPC):4:GRPCAction*?',
  'core.v1.Probe':
    'handler(ProbeHandler):1:ProbeHandler^ initialDelaySeconds:2:int32? timeoutSeconds:3:int32? ' +
    'periodSeconds:4:int32? successThreshold:5:int32? failureThreshold:6:int32? ' +
    'terminationGracePeriodSeconds:7:int64*?',
  'core.v1.SleepAction': 'seconds:1:int64',
  'core.v1.LifecycleHandler':
    'exec:1:ExecAction*? httpGet(HTTPGet):2:HTTPGetAction*? tcpSocket(TCPSocket):3:TCPSocketAction*? ' +
    'sleep:4:SleepAction*?',
  'core.v1.Lifecycle': 'postStart:1:LifecycleHandler*? preStop:2:LifecycleHandler*?',
  'core.v1.Capabilities': 'add:1:string[]? drop:2:string[]?',
  'core.v1.SELinuxOptions': 'user:1:string? role:2:string? type:3:string? level:4:string?',
  'core.v1.WindowsSecurityContextOptions':
    'gmsaCredentialSpecName(GMSACredentialSpecName):1:string*? ' +
    'gmsaCredentialSpec(GMSACredentialSpec):2:string*? runAsUserName:3:string*? hostProcess:4:bool*?',
  'core.v1.SeccompProfile': 'type:1:string localhostProfile:2:string*?',
  'core.v1.AppArmorProfile': 'type:1:string localhostProfile:2:string*?',
  'core.v1.SecurityContext':
    'capabilities:1:Capabilities*? privileged:2:bool*? seLinuxOptions(SELinuxOptions):3:SELinuxOptions*? ' +
    'windowsOptions:10:WindowsSecurityContextOptions*? runAsUser:4:int64*? runAsGroup:8:int64*? ' +
    'runAsNonRoot:5:bool*? readOnlyRootFilesystem:6:bool*? allowPrivilegeEscalation:7:bool*? ' +
    'procMount:9:string*? seccompProfile:11:SeccompProfile*? appArmorProfile:12:AppArmorProfile*?',
  'core.v1.Container':
    'name:1:string image:2:string? command:3:string[]? args:4:string[]? workingDir:5:string? ' +
    'ports:6:ContainerPort[]? envFrom:19:EnvFromSource[]? env:7:EnvVar[]? resources:8:ResourceRequirements? ' +
    'resizePolicy:23:ContainerResizePolicy[]? restartPolicy:24:string*? volumeMounts:9:VolumeMount[]? ' +
    'volumeDevices:21:VolumeDevice[]? livenessProbe:10:Probe*? readinessProbe:11:Probe*? ' +
    'startupProbe:22:Probe*? lifecycle:12:Lifecycle*? terminationMessagePath:13:string? ' +
    'terminationMessagePolicy:20:string? imagePullPolicy:14:string? securityContext:15:SecurityContext*? ' +
    'stdin:16:bool? stdinOnce:17:bool? tty(TTY):18:bool?',
  'core.v1.EphemeralContainerCommon':
    'name:1:string image:2:string? command:3:string[]? args:4:string[]? workingDir:5:string? ' +
    'ports:6:ContainerPort[]? envFrom:19:EnvFromSource[]? env:7:EnvVar[]? resources:8:ResourceRequirements? ' +
    'resizePolicy:23:ContainerResizePolicy[]? restartPolicy:24:string*? volumeMounts:9:VolumeMount[]? ' +
    'volumeDevices:21:VolumeDevice[]? livenessProbe:10:Probe*? readinessProbe:11:Probe*? ' +
    'startupProbe:22:Probe*? lifecycle:12:Lifecycle*? terminationMessagePath:13:string? ' +
    'terminationMessagePolicy:20:string? imagePullPolicy:14:string? securityContext:15:SecurityContext*? ' +
    'stdin:16:bool? stdinOnce:17:bool? tty(TTY):18:bool?',
  'core.v1.EphemeralContainer':
    'ephemeralContainerCommon:1:EphemeralContainerCommon^ targetContainerName:2:string?',
  'core.v1.Sysctl': 'name:1:string value:2:string',
  'core.v1.PodSecurityContext':
    'seLinuxOptions(SELinuxOptions):1:SELinuxOptions*? windowsOptions:8:WindowsSecurityContextOptions*? ' +
    'runAsUser:2:int64*? runAsGroup:6:int64*? runAsNonRoot:3:bool*? supplementalGroups:4:int64[]? ' +
    'supplementalGroupsPolicy:12:string*? fsGroup(FSGroup):5:int64*? sysctls:7:Sysctl[]? ' +
    'fsGroupChangePolicy(FSGroupChangePolicy):9:string*? seccompProfile:10:SeccompProfile*? ' +
    'appArmorProfile:11:AppArmorProfile*? seLinuxChangePolicy(SELinuxChangePolicy):13:string*?',
  'core.v1.NodeSelectorRequirement': 'key:1:string operator:2:string values:3:string[]?',
  'core.v1.NodeSelectorTerm':
    'matchExpressions:1:NodeSelectorRequirement[]? matchFields:2:NodeSelectorRequirement[]?',
  'core.v1.NodeSelector': 'nodeSelectorTerms:1:NodeSelectorTerm[]',
  'core.v1.PreferredSchedulingTerm': 'weight:1:int32 preference:2:NodeSelectorTerm',
  'core.v1.NodeAffinity':
    'requiredDuringSchedulingIgnoredDuringExecution:1:NodeSelector*? ' +
    'preferredDuringSchedulingIgnoredDuringExecution:2:PreferredSchedulingTerm[]?',
  'core.v1.PodAffinityTerm':
    'labelSelector:1:meta.v1.LabelSelector*? namespaces:2:string[]? topologyKey:3:string ' +
    'namespaceSelector:4:meta.v1.LabelSelector*? matchLabelKeys:5:string[]? mismatchLabelKeys:6:string[]?',
  'core.v1.WeightedPodAffinityTerm': 'weight:1:int32 podAffinityTerm:2:PodAffinityTerm',
  'core.v1.PodAffinity':
    'requiredDuringSchedulingIgnoredDuringExecution:1:PodAffinityTerm[]? ' +
    'preferredDuringSchedulingIgnoredDuringExecution:2:WeightedPodAffinityTerm[]?',
  'core.v1.PodAntiAffinity':
    'requiredDuringSchedulingIgnoredDuringExecution:1:PodAffinityTerm[]? ' +
    'preferredDuringSchedulingIgnoredDuringExecution:2:WeightedPodAffinityTerm[]?',
  'core.v1.Affinity':
    'nodeAffinity:1:NodeAffinity*? podAffinity:2:PodAffinity*? podAntiAffinity:3:PodAntiAffinity*?',
  'core.v1.Toleration':
    'key:1:string? operator:2:string? value:3:string? effect:4:string? tolerationSeconds:5:int64*?',
  'core.v1.HostAlias': 'ip(IP):1:string hostnames:2:string[]?',
  'core.v1.PodDNSConfigOption': 'name:1:string? value:2:string*?',
  'core.v1.PodDNSConfig': 'nameservers:1:string[]? searches:2:string[]? options:3:PodDNSConfigOption[]?',
  'core.v1.PodReadinessGate': 'conditionType:1:string',
  'core.v1.TopologySpreadConstraint':
    'maxSkew:1:int32 topologyKey:2:string whenUnsatisfiable:3:string labelSelector:4:meta.v1.LabelSelector*? ' +
    'minDomains:5:int32*? nodeAffinityPolicy:6:string*? nodeTaintsPolicy:7:string*? ' +
    'matchLabelKeys:8:string[]?',
  'core.v1.PodOS': 'name:1:string',
  'core.v1.PodSchedulingGate': 'name:1:string',
  'core.v1.PodResourceClaim':
    'name:1:string resourceClaimName:3:string*? resourceClaimTemplateName:4:string*?',
  'core.v1.PodSpec':
    'volumes:1:Volume[]? initContainers:20:Container[]? containers:2:Container[] ' +
    'ephemeralContainers:34:EphemeralContainer[]? restartPolicy:3:string? ' +
    'terminationGracePeriodSeconds:4:int64*? activeDeadlineSeconds:5:int64*? dnsPolicy(DNSPolicy):6:string? ' +
    'nodeSelector:7:string{}? serviceAccountName:8:string? serviceAccount(DeprecatedServiceAccount):9:string? ' +
    'automountServiceAccountToken:21:bool*? nodeName:10:string? hostNetwork:11:bool? hostPID:12:bool? ' +
    'hostIPC:13:bool? shareProcessNamespace:27:bool*? securityContext:14:PodSecurityContext*? ' +
    'imagePullSecrets:15:LocalObjectReference[]? hostname:16:string? subdomain:17:string? ' +
    'affinity:18:Affinity*? schedulerName:19:string? tolerations:22:Toleration[]? hostAliases:23:HostAlias[]? ' +
    'priorityClassName:24:string? priority:25:int32*? dnsConfig(DNSConfig):26:PodDNSConfig*? ' +
    'readinessGates:28:PodReadinessGate[]? runtimeClassName:29:string*? enableServiceLinks:30:bool*? ' +
    'preemptionPolicy:31:string*? overhead:32:resource.Quantity{}? ' +
    'topologySpreadConstraints:33:TopologySpreadConstraint[]? setHostnameAsFQDN:35:bool*? os(OS):36:PodOS*? ' +
    'hostUsers:37:bool*? schedulingGates:38:PodSchedulingGate[]? resourceClaims:39:PodResourceClaim[]? ' +
    'resources:40:ResourceRequirements*?',
};
