// The app mark and name, drawn as SVG so it needs no image file and scales with the type.
export function Brand({ size = 'md' }: { size?: 'md' | 'lg' }) {
  return (
    <span className={`brand brand--${size}`}>
      <svg className="brand__mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
        <rect x="2" y="2" width="28" height="28" rx="8" />
        <path d="M10 14v-2.5a6 6 0 0 1 12 0V14" />
        <rect x="8" y="14" width="16" height="11" rx="2.5" />
        <circle cx="16" cy="19.5" r="1.8" />
      </svg>
      <span className="brand__name">Custodian</span>
    </span>
  );
}
