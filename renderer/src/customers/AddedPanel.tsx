// The capture page's side panel, for roles that may add records but not search (volunteers):
// "Add a customer" and the records added in this sign-in, kept in the renderer from the
// customers.create answers and forgotten at sign-out. There is deliberately no search box.
import { openPane, useWorkspace } from '../store';

export function AddedPanel() {
  const added = useWorkspace((s) => s.added);
  const openId = useWorkspace((s) => (s.pane.kind === 'view' ? s.pane.id : null));
  return (
    <section className="sidebar" aria-labelledby="added-title">
      <div className="search">
        <button type="button" className="button button--primary" onClick={() => openPane({ kind: 'new' })}>
          Add a customer <kbd className="kbd kbd--on-primary">Alt N</kbd>
        </button>
      </div>
      <h2 className="sidebar__status" id="added-title">
        Added in this sign-in
      </h2>
      {added.length === 0 ? (
        <p className="sidebar__empty muted">Nobody yet. The people you add appear here until you sign out.</p>
      ) : (
        <ul className="added">
          {added.map((a) => (
            <li key={a.id}>
              <button
                type="button"
                className={`added__item${a.id === openId ? ' added__item--open' : ''}`}
                aria-current={a.id === openId ? 'true' : undefined}
                onClick={() => openPane({ kind: 'view', id: a.id })}
              >
                {a.name}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
