/** What the dashboard shows of the watched manifests folder; the CLI fills it from the folder watcher. */

/** One error line of a manifest file (kubectl's wording, with file:line). */
export interface ManifestError {
  file: string;
  text: string;
}

/** The watched folder, read at each frame. */
export interface FolderStatus {
  /** The folder as the user named it. */
  readonly dir: string;
  /** Manifest files applied so far. */
  files(): number;
  /** Each file's errors from its last apply. */
  errors(): ManifestError[];
}
