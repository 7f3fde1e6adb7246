// The chosen file and its preview: read once, previewed again whenever a column's mapping is
// changed (only the latest answer counts), with the columns the user has mapped by hand marked.
import { useRef, useState } from 'react';
import type { Output } from '../../../shared/contract';
import type { Mapping, MappingTarget } from '../../../shared/contract/imports';
import { attempt } from '../client';
import { readBase64 } from '../download';

type Preview = Output<'imports.preview'>;
type Loaded = { filename: string; content: string };

export function useImportPreview(
  source: string,
  setSource: (source: string) => void,
  setProblem: (message: string | null) => void,
) {
  const [file, setFile] = useState<Loaded | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [mapping, setMapping] = useState<Mapping>([]);
  const [touched, setTouched] = useState<Set<number>>(new Set());
  const [mappingProblem, setMappingProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const latest = useRef(0);

  function clear() {
    setFile(null);
    setPreview(null);
    setMapping([]);
    setTouched(new Set());
    setMappingProblem(null);
  }

  async function runPreview(loaded: Loaded, withMapping?: Mapping) {
    const seq = ++latest.current;
    setBusy(true);
    const result = await attempt('imports.preview', {
      filename: loaded.filename,
      content_base64: loaded.content,
      source: source.trim() || undefined,
      mapping: withMapping,
      sample_rows: 10,
    });
    if (seq !== latest.current) return;
    setBusy(false);
    if (!result.ok) {
      if (withMapping) setMappingProblem(result.error.fields?.[0]?.message ?? result.error.message);
      else setProblem(result.error.message);
      return;
    }
    setProblem(null);
    setMappingProblem(null);
    setPreview(result.value);
    setMapping(result.value.mapping);
  }

  /** Read and preview a newly chosen file (the caller has cleared the last one). */
  async function load(chosen: File) {
    let content: string;
    try {
      content = await readBase64(chosen);
    } catch {
      setProblem('The file could not be read. Check that it is not open in another program, then try again.');
      return;
    }
    const loaded = { filename: chosen.name, content };
    setFile(loaded);
    if (!source.trim()) setSource(chosen.name.replace(/\.[^.]+$/, '').slice(0, 60));
    await runPreview(loaded);
  }

  function remap(index: number, target: MappingTarget | null) {
    if (!file) return;
    const next = mapping.map((t, i) => (i === index ? target : t));
    setMapping(next);
    setTouched(new Set(touched).add(index));
    void runPreview(file, next);
  }

  return { file, preview, mapping, touched, mappingProblem, busy, clear, load, remap };
}
