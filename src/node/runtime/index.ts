/**
 * The simulated container runtime's public face: the factory the kubelet uses, the contract types,
 * and the playground annotation table the README is generated from.
 */
export { createContainerRuntime } from './container-runtime.js';
export type {
  ContainerRunPlan,
  ContainerRuntime,
  ContainerRuntimeOptions,
  ImagePullPlan,
  ProbeKind,
  ProbeOutcome,
} from './types.js';
export { PLAYGROUND_ANNOTATIONS, PLAYGROUND_ANNOTATION_PREFIX } from './annotations.js';
export type { PlaygroundAnnotation, PlaygroundAnnotationName } from './annotations.js';
export { parseDuration } from './duration.js';
export type { LogLine, LogRepeat, LogStream, LogText, ProgramOutput } from './log-lines.js';
