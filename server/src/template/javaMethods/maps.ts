/** java.util.Map, its views (`keySet()`, `values()`, `entrySet()`) and its entries. */
import { mapClear, mapDelete, mapEntries, mapGet, mapHas, mapKeys, mapSet, mapSize, mapValues, type JavaMap } from '../javaMaps';
import { javaObjectEquals, MapEntry, mapView, mapViewOf, type MapView } from '../javaValues';
import { elements } from './arguments';
import { collectionMethods, indexOfElement, modified, removeWhere, unsupported } from './collections';
import { nullPointer } from './errors';
import { objectMethods } from './objects';

/** Takes the element at `index` out of the view and its entry out of the map behind it. */
function removeFromView(view: unknown[], info: MapView, index: number): void {
  const item = view[index];
  const key = info.kind === 'keySet' ? item : info.kind === 'entrySet' ? (item as MapEntry).key : mapEntries(info.owner).find(([, v]) => javaObjectEquals(v, item))?.[0];
  mapDelete(info.owner, key);
  view.splice(index, 1);
  modified(view);
}

function viewRemove(view: unknown[], value: unknown): boolean {
  const info = mapViewOf(view)!;
  const at = info.kind === 'entrySet' ? view.findIndex((e) => e instanceof MapEntry && value instanceof MapEntry && javaObjectEquals(e, value)) : indexOfElement(view, value);
  if (at < 0) return false;
  removeFromView(view, info, at);
  return true;
}

/** `keySet()`, `values()` and `entrySet()`: sets backed by the map (values() a bare collection), which cannot grow. */
export const VIEW_METHODS = collectionMethods()
  .def('remove', ['Object'], (l, a) => viewRemove(l, a[0]))
  .def('removeAll', ['Collection'], (l, a) => removeWhere(l, elements(a, 0, 'removeAll'), false, (i) => removeFromView(l, mapViewOf(l)!, i)))
  .def('retainAll', ['Collection'], (l, a) => removeWhere(l, elements(a, 0, 'retainAll'), true, (i) => removeFromView(l, mapViewOf(l)!, i)))
  .def('clear', [], (l) => {
    mapClear(mapViewOf(l)!.owner);
    l.length = 0;
    modified(l);
    return undefined;
  })
  .def('add', ['Object'], () => {
    throw unsupported('add', "a map's view");
  })
  .def('addAll', ['Collection'], (_, a) => {
    if (elements(a, 0, 'addAll').length > 0) throw unsupported('addAll', "a map's view");
    return false;
  });

// ---------------------------------------------------------------------------------------------------------------------
// java.util.Map and Map.Entry

export const MAP_METHODS = objectMethods<JavaMap>()
  .def('get', ['Object'], (m, a) => mapGet(m, a[0]))
  .def('getOrDefault', ['Object', 'Object'], (m, a) => (mapHas(m, a[0]) ? mapGet(m, a[0]) : a[1]))
  .def('put', ['Object', 'Object'], (m, a) => {
    const previous = mapGet(m, a[0]);
    mapSet(m, a[0], a[1]);
    return previous;
  })
  .def('putIfAbsent', ['Object', 'Object'], (m, a) => {
    const previous = mapGet(m, a[0]);
    if (previous === undefined || previous === null) mapSet(m, a[0], a[1]);
    return previous;
  })
  .def('putAll', ['Map'], (m, a) => {
    const other = a[0];
    if (other === undefined || other === null) throw nullPointer('putAll', 0);
    for (const [k, v] of mapEntries(other as JavaMap)) mapSet(m, k, v);
    return undefined;
  })
  .def('replace', ['Object', 'Object'], (m, a) => {
    if (!mapHas(m, a[0])) return undefined;
    const previous = mapGet(m, a[0]);
    mapSet(m, a[0], a[1]);
    return previous;
  })
  .def('replace', ['Object', 'Object', 'Object'], (m, a) => {
    if (!mapHas(m, a[0]) || !javaObjectEquals(mapGet(m, a[0]), a[1])) return false;
    mapSet(m, a[0], a[2]);
    return true;
  })
  .def('containsKey', ['Object'], (m, a) => mapHas(m, a[0]))
  .def('containsValue', ['Object'], (m, a) => mapValues(m).some((v) => javaObjectEquals(v, a[0])))
  .def('keySet', [], (m) => mapView(mapKeys(m), 'keySet', m))
  .def('values', [], (m) => mapView(mapValues(m), 'values', m))
  .def('entrySet', [], (m) => mapView(mapEntries(m).map(([k, v]) => new MapEntry(k, v, m)), 'entrySet', m))
  .def('size', [], (m) => mapSize(m))
  .def('isEmpty', [], (m) => mapSize(m) === 0)
  .def('remove', ['Object'], (m, a) => {
    const previous = mapGet(m, a[0]);
    mapDelete(m, a[0]);
    return previous;
  })
  .def('remove', ['Object', 'Object'], (m, a) => {
    if (!mapHas(m, a[0]) || !javaObjectEquals(mapGet(m, a[0]), a[1])) return false;
    mapDelete(m, a[0]);
    return true;
  })
  .def('clear', [], (m) => {
    mapClear(m);
    return undefined;
  })
  .def('forEach', ['Opaque'], () => {
    throw nullPointer('forEach', 0);
  })
  .def('replaceAll', ['Opaque'], () => {
    throw nullPointer('replaceAll', 0);
  })
  .def('computeIfAbsent', ['Object', 'Opaque'], () => {
    throw nullPointer('computeIfAbsent', 1);
  })
  .def('computeIfPresent', ['Object', 'Opaque'], () => {
    throw nullPointer('computeIfPresent', 1);
  })
  .def('compute', ['Object', 'Opaque'], () => {
    throw nullPointer('compute', 1);
  })
  .def('merge', ['Object', 'Object', 'Opaque'], () => {
    throw nullPointer('merge', 2);
  });

export const ENTRY_METHODS = objectMethods<MapEntry>()
  .def('getKey', [], (e) => e.key)
  .def('getValue', [], (e) => e.value)
  .def('setValue', ['Object'], (e, a) => e.setValue(a[0]));
