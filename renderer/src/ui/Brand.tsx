// The app mark and name, drawn as SVG so it needs no image file and scales with the type.
export function Brand({ size = 'md' }: { size?: 'md' | 'lg' }) {
  return (
    <span className={`brand brand--${size}`}>
      <svg className="brand__mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
        <rect className="brand__tile" x="2" y="2" width="28" height="28" rx="8" />
        <path className="brand__line" d="M11.5 14v-2.5a4.5 4.5 0 0 1 9 0V14" />
        <rect className="brand__line" x="9" y="14" width="14" height="10" rx="2.5" />
        <circle className="brand__dot" cx="16" cy="19" r="1.6" />
      </svg>
      <span className="brand__name">Custodian</span>
    </span>
  );
}
