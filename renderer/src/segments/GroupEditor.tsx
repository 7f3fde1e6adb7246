// A group of a segment's conditions, matched all or any, holding conditions and groups of its
// own (down to the definition's depth limit): each item turnable into "not", removable, and
// numbered by where it sits ("Condition 2.1" is the first inside group 2), so every control has
// its own name for keyboard and screen-reader users. The tree is the builder's state; it becomes
// the definition the contract checks (shared/segments.ts) in definitionOf.
import { useId, useState } from 'react';
import type { RegisterEntry } from '../../../shared/register';
import { type Condition, type Definition, MAX_DEPTH, type Node } from '../../../shared/segments';
import { ConditionEditor } from './ConditionEditor';
import { KIND_GROUPS, type Kind, startOf } from './conditions';

export type Group = { mode: 'all' | 'any'; items: Item[] };
export type Item = { id: number; negate: boolean } & ({ cond: Condition } | { group: Group });

let nextItem = 1;

function itemOf(node: Node, negate = false): Item {
  if ('not' in node) return itemOf(node.not, !negate);
  if ('all' in node) return { id: nextItem++, negate, group: { mode: 'all', items: node.all.map((n) => itemOf(n)) } };
  if ('any' in node) return { id: nextItem++, negate, group: { mode: 'any', items: node.any.map((n) => itemOf(n)) } };
  return { id: nextItem++, negate, cond: node };
}

/** A saved definition as the builder's tree (a "not" of a "not" reads as neither). */
export function groupOf(definition: Definition): Group {
  const top = itemOf(definition.match);
  return 'group' in top ? top.group : { mode: 'all', items: [top] };
}

function nodeOf(item: Item): Node {
  const inner: Node =
    'cond' in item
      ? item.cond
      : item.group.mode === 'all'
        ? { all: item.group.items.map(nodeOf) }
        : { any: item.group.items.map(nodeOf) };
  return item.negate ? { not: inner } : inner;
}

export function definitionOf(group: Group): Definition {
  const nodes = group.items.map(nodeOf);
  return { version: 1, match: group.mode === 'all' ? { all: nodes } : { any: nodes } };
}

const kindLabel = (kind: string) => KIND_GROUPS.flatMap((g) => g.kinds).find((k) => k.kind === kind)?.label;

/**
 * `place` is the group's number ("" for the top, "2", "2.3" …); `depth` is where the definition's
 * depth limit counts it (1 for the top, one more per group and per "not"). The top
 * group's controls keep their short names ("Add a condition"); a nested one's say which group.
 */
export function GroupEditor({
  group,
  place,
  depth,
  fields,
  onChange,
}: {
  group: Group;
  place: string;
  depth: number;
  fields: RegisterEntry[];
  onChange: (group: Group) => void;
}) {
  const id = useId();
  const [adding, setAdding] = useState<Kind | ''>('');
  const inGroup = place ? ` to group ${place}` : '';
  const setItems = (items: Item[]) => onChange({ ...group, items });
  const update = (itemId: number, change: Partial<Item>) =>
    setItems(group.items.map((it) => (it.id === itemId ? ({ ...it, ...change } as Item) : it)));
  // A new group's conditions sit two levels below this group, and a "not" on one a third.
  const canNest = depth + 3 <= MAX_DEPTH;

  return (
    <>
      <fieldset className="seg__mode">
        <legend>{place ? `Group ${place}: people who match` : 'People who match'}</legend>
        <label className="check">
          <input
            type="radio"
            name={`${id}-mode`}
            checked={group.mode === 'all'}
            onChange={() => onChange({ ...group, mode: 'all' })}
          />{' '}
          all of these
        </label>
        <label className="check">
          <input
            type="radio"
            name={`${id}-mode`}
            checked={group.mode === 'any'}
            onChange={() => onChange({ ...group, mode: 'any' })}
          />{' '}
          any of these
        </label>
      </fieldset>
      <ol className="seg__rows">
        {group.items.map((item, i) => {
          const number = place ? `${place}.${i + 1}` : String(i + 1);
          const what = 'cond' in item ? `Condition ${number}` : `Group ${number}`;
          return (
            <li key={item.id} className={'group' in item ? 'seg__row seg__row--group' : 'seg__row'}>
              <fieldset>
                <legend>
                  {what}: {'cond' in item ? kindLabel(item.cond.kind) : item.group.mode === 'all' ? 'all of' : 'any of'}
                </legend>
                <label className="check">
                  <input
                    type="checkbox"
                    checked={item.negate}
                    onChange={(e) => update(item.id, { negate: e.target.checked })}
                  />{' '}
                  Not
                </label>
                {'cond' in item ? (
                  <ConditionEditor cond={item.cond} fields={fields} onChange={(cond) => update(item.id, { cond })} />
                ) : (
                  <div className="seg__group">
                    <GroupEditor
                      group={item.group}
                      place={number}
                      depth={depth + (item.negate ? 2 : 1)}
                      fields={fields}
                      onChange={(g) => update(item.id, { group: g })}
                    />
                  </div>
                )}
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => setItems(group.items.filter((it) => it.id !== item.id))}
                >
                  Remove {what.toLowerCase()}
                </button>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <div className="seg__add">
        <label htmlFor={`${id}-add`}>Add a condition{inGroup}</label>
        <select id={`${id}-add`} className="input" value={adding} onChange={(e) => setAdding(e.target.value as Kind)}>
          <option value="">Choose what to ask about</option>
          {KIND_GROUPS.map((g) => (
            <optgroup key={g.label} label={g.label}>
              {g.kinds.map((k) => (
                <option key={k.kind} value={k.kind}>
                  {k.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        <button
          type="button"
          className="button"
          disabled={!adding}
          onClick={() => {
            if (!adding) return;
            setItems([...group.items, { id: nextItem++, negate: false, cond: startOf(adding) }]);
            setAdding('');
          }}
        >
          {place ? `Add${inGroup}` : 'Add'}
        </button>
        {canNest && (
          <button
            type="button"
            className="button"
            onClick={() =>
              setItems([...group.items, { id: nextItem++, negate: false, group: { mode: 'any', items: [] } }])
            }
          >
            {place ? `Add a group inside group ${place}` : 'Add a group (any or all of)'}
          </button>
        )}
      </div>
    </>
  );
}
