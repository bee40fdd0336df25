/**
 * Where attachment bytes live. The default is a local directory (one machine); an object
 * store (S3, OSS) implements the same three calls for many machines. Keys are opaque.
 */
export interface FileStorage {
  put(key: string, content: Buffer): Promise<void>;
  get(key: string): Promise<Buffer | null>;
  delete(key: string): Promise<void>;
}
