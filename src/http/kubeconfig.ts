/**
 * The kubeconfig that points real `kubectl` at the HTTP front: cluster, user and context all named
 * `k8s-playground`, no credentials (the front listens on loopback only and asks for none).
 * The front speaks plain HTTP; `insecure-skip-tls-verify` is set because some clients refuse an
 * `http://` server without it (kubectl ignores it for plain HTTP).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** The default kubeconfig path, relative to the working directory. */
export const DEFAULT_KUBECONFIG = '.k8s-playground/kubeconfig';

/** The name of the cluster, user and context. */
export const KUBECONFIG_NAME = 'k8s-playground';

/** The kubeconfig text for a front at `server` (`http://127.0.0.1:6443`). */
export function kubeconfigText(server: string): string {
  return `apiVersion: v1
kind: Config
clusters:
- name: ${KUBECONFIG_NAME}
  cluster:
    server: ${server}
    # Plain HTTP on loopback: client libraries (@kubernetes/client-node) refuse http:// without it.
    insecure-skip-tls-verify: true
contexts:
- name: ${KUBECONFIG_NAME}
  context:
    cluster: ${KUBECONFIG_NAME}
    user: ${KUBECONFIG_NAME}
    namespace: default
current-context: ${KUBECONFIG_NAME}
users:
- name: ${KUBECONFIG_NAME}
  user: {}
preferences: {}
`;
}

/** Writes the kubeconfig (creating its folder); an error message when it cannot. */
export async function writeKubeconfig(path: string, server: string): Promise<string | undefined> {
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, kubeconfigText(server), { mode: 0o600 });
    return undefined;
  } catch (error) {
    return `cannot write kubeconfig ${path}: ${(error as Error).message}`;
  }
}
