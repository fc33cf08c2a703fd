package dev.customtasks.concurrency;

import dev.customtasks.concurrency.api.ConcurrencyKey;
import dev.customtasks.concurrency.api.ConcurrencyKeyStatus;
import dev.customtasks.concurrency.api.KeyEntry;
import dev.customtasks.concurrency.slots.Entry;
import dev.customtasks.concurrency.slots.KeySlots;
import dev.customtasks.crds.api.Timestamps;
import java.util.List;
import java.util.Optional;

/** Between a {@code ConcurrencyKey} object and the {@link KeySlots} it holds. */
public final class KeyCodec {

  private KeyCodec() {
  }

  /** The key's slots; a limit missing or below 1 (edited by hand) counts as 1. */
  public static KeySlots slots(ConcurrencyKey key) {
    Integer limit = key.getSpec() == null ? null : key.getSpec().limit();
    ConcurrencyKeyStatus status = key.getStatus();
    return new KeySlots(limit == null || limit < 1 ? 1 : limit,
        status == null ? List.of() : entries(status.holders()),
        status == null ? List.of() : entries(status.queue()));
  }

  public static ConcurrencyKeyStatus status(String key, KeySlots slots) {
    return new ConcurrencyKeyStatus(key, slots.holders().stream().map(KeyCodec::entry).toList(),
        slots.queue().stream().map(KeyCodec::entry).toList());
  }

  private static List<Entry> entries(List<KeyEntry> entries) {
    return Optional.ofNullable(entries).orElse(List.of()).stream().map(KeyCodec::entry).toList();
  }

  private static Entry entry(KeyEntry e) {
    return new Entry(e.namespace(), e.name(), e.uid(), e.pipelineRun(), Timestamps.parse(e.created()),
        Timestamps.parse(e.since()));
  }

  private static KeyEntry entry(Entry e) {
    return new KeyEntry(e.namespace(), e.name(), e.uid(), e.pipelineRun(), Timestamps.format(e.created()),
        Timestamps.format(e.since()));
  }
}
