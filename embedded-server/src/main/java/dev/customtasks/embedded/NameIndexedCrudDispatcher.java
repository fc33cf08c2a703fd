package dev.customtasks.embedded;

import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;
import io.fabric8.mockwebserver.crud.CrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import java.lang.reflect.Field;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;

/**
 * fabric8's CRUD mock with an index by name in front of its one hot lookup. The mock finds the
 * object a request names ({@code findResource}: every create, patch, update and delete) by matching
 * the request against every object of the store, under the store's write lock; with a thousand
 * CustomRuns stored that scan was a third of all CPU in the benchmark of 100 PipelineRuns at once,
 * and it serialised every write of the type. Here the lookup matches only the objects stored under
 * the name asked for, with the mock's own matching, so it answers as the scan would.
 *
 * <p>The index lives in the store's map itself (the mock's {@code map}, replaced by one that keeps
 * the index on every {@code put}, {@code remove} and {@code clear}, the only ways the mock changes
 * it). A lookup that could match more than one object (no namespace asked, say) falls back to the
 * mock's scan, so that the first match in store order still wins. A GET of one named object is
 * answered through the index too; lists and watches keep the mock's own code (a list filters every
 * object of its type, as a real API server's list filters its watch cache).
 */
final class NameIndexedCrudDispatcher extends KubernetesCrudDispatcher {

  private static final String NAME = KubernetesAttributesExtractor.NAME;
  /** The mock's wildcard value, which matches any name. */
  private static final String ANY = "*";

  private final IndexedStore store;
  /** The mock's own lock: a GET reads under its read lock, as the mock's GET does. */
  private final ReadWriteLock mockLock;

  NameIndexedCrudDispatcher(List<CustomResourceDefinitionContext> crds) {
    this(crds, SelectableFields.stored(""));
  }

  /** {@code fields}: what the store's objects are filed under for field selectors ({@link FieldAttributes}). */
  NameIndexedCrudDispatcher(List<CustomResourceDefinitionContext> crds, SelectableFields fields) {
    super(crds);
    this.store = new IndexedStore(fields);
    try {
      Field map = CrudDispatcher.class.getDeclaredField("map");
      map.setAccessible(true);
      map.set(this, Collections.synchronizedMap(store));
      Field lock = KubernetesCrudDispatcher.class.getDeclaredField("lock");
      lock.setAccessible(true);
      this.mockLock = (ReadWriteLock) lock.get(this);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("fabric8's CrudDispatcher changed: cannot index its store by name", e);
    }
  }

  /**
   * A GET of one named object is answered from the index, as the mock answers it (200 and the
   * stored object); a watch, a list, a name the index cannot narrow, no match or more than one
   * match go to the mock, so its answers (a 404 included) stay its own.
   */
  @Override
  public MockResponse handleGet(String requested) {
    String path = FieldAttributes.storePath(requested);
    if (path.contains("watch")) {
      return super.handleGet(path);
    }
    List<Map.Entry<AttributeSet, String>> matches;
    Lock read = mockLock.readLock();
    read.lock();
    try {
      matches = indexedMatches(attributeExtractor.fromPath(path));
    } finally {
      read.unlock();
    }
    return matches == null || matches.size() != 1 ? super.handleGet(path)
        : new MockResponse().setResponseCode(200).setBody(matches.get(0).getValue());
  }

  /** A delete of a collection follows its field selector too. */
  @Override
  public MockResponse handleDelete(String path) {
    return super.handleDelete(FieldAttributes.storePath(path));
  }

  @Override
  public Map.Entry<AttributeSet, String> findResource(AttributeSet query) {
    List<Map.Entry<AttributeSet, String>> matches = indexedMatches(query);
    if (matches == null || matches.size() > 1) {
      return super.findResource(query);
    }
    return matches.isEmpty() ? null : matches.get(0);
  }

  /**
   * The stored objects filed under the query's one name that match it, at most two (two are
   * enough to tell that the mock's scan must decide which comes first); null when the query does
   * not name one object, so the index cannot narrow it.
   */
  private List<Map.Entry<AttributeSet, String>> indexedMatches(AttributeSet query) {
    String name = exactName(query);
    if (name == null) {
      return null;
    }
    List<Map.Entry<AttributeSet, String>> found = new ArrayList<>(2);
    synchronized (map) {
      for (AttributeSet key : store.candidates(name)) {
        if (key.matches(query)) {
          found.add(new AbstractMap.SimpleImmutableEntry<>(key, store.get(key)));
          if (found.size() > 1) {
            break;
          }
        }
      }
    }
    return found;
  }

  /** The one name a query asks for, or null where the index cannot narrow it (no name, a wildcard, a set). */
  static String exactName(AttributeSet query) {
    Attribute name = query.getAttribute(NAME);
    if (name == null || name.getType() != AttributeType.WITH || name.getValues().size() != 1
        || ANY.equals(name.getValues().get(0).toString())) {
      return null;
    }
    return name.getValues().get(0).toString();
  }

  /** The key's one stored name, or null for a key the index cannot file by name (kept as a wildcard). */
  static String storedName(AttributeSet key) {
    Attribute name = key.getAttribute(NAME);
    if (name == null || name.getValues().size() != 1 || ANY.equals(name.getValues().get(0).toString())) {
      return null;
    }
    return name.getValues().get(0).toString();
  }

  /**
   * The mock's store, in insertion order as before, with the keys filed by name, and each key
   * given its object's selectable fields as it is stored.
   */
  static final class IndexedStore extends LinkedHashMap<AttributeSet, String> {

    private final SelectableFields fields;

    private final Map<String, Set<AttributeSet>> byName = new HashMap<>();
    /** Keys without one plain name: a lookup by any name must try them too. */
    private final Set<AttributeSet> unnamed = new LinkedHashSet<>();

    IndexedStore(SelectableFields fields) {
      this.fields = fields;
    }

    @Override
    public String put(AttributeSet key, String value) {
      FieldAttributes.addTo(key, value, fields);
      String previous = super.put(key, value);
      String name = storedName(key);
      if (name == null) {
        unnamed.add(key);
      } else {
        byName.computeIfAbsent(name, n -> new LinkedHashSet<>()).add(key);
      }
      return previous;
    }

    @Override
    public void putAll(Map<? extends AttributeSet, ? extends String> entries) {
      entries.forEach(this::put);
    }

    @Override
    public String remove(Object key) {
      boolean present = containsKey(key);
      String previous = super.remove(key);
      if (present && key instanceof AttributeSet set) {
        String name = storedName(set);
        if (name == null) {
          unnamed.remove(set);
        } else {
          Set<AttributeSet> keys = byName.get(name);
          if (keys != null) {
            keys.remove(set);
            if (keys.isEmpty()) {
              byName.remove(name);
            }
          }
        }
      }
      return previous;
    }

    @Override
    public void clear() {
      super.clear();
      byName.clear();
      unnamed.clear();
    }

    /** The keys that may match a query for {@code name}: those filed under it, and the unnamed. */
    List<AttributeSet> candidates(String name) {
      List<AttributeSet> keys = new ArrayList<>(byName.getOrDefault(name, Set.of()));
      keys.addAll(unnamed);
      return keys;
    }
  }
}
