package io.github.flowruns.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * Maps the items of a vendor's page the same way for every vendor: a JSON {@code null} in the
 * list (or a missing list) carries no run and is skipped, as is an item the mapper maps to null
 * (one it can tell carries nothing, e.g. a log line that is not an object); an item the mapper
 * cannot read throws, and the transport reports the page as unreadable. Not API.
 *
 * <pre>{@code
 * List<Run> runs = Items.map(page.getData(), fr -> ActivepiecesRuns.toRun(fr));
 * }</pre>
 */
public final class Items {
  private Items() {}

  /**
   * Maps every non-null item, skipping null items and null results, in order.
   *
   * @param items the page's items, may be null (no items)
   * @param mapper maps one item; may return null for an item that carries nothing
   * @param <S> the vendor's item type
   * @param <T> the facade's item type
   * @return the mapped items, unmodifiable
   */
  public static <S, T> List<T> map(Iterable<? extends S> items, Function<? super S, ? extends T> mapper) {
    if (items == null) {
      return List.of();
    }
    // Sized to the page, as the adapters' own loops were: growing from 10 copies the array six
    // times for a page of 100.
    List<T> out = items instanceof Collection<?> c ? new ArrayList<>(c.size()) : new ArrayList<>();
    for (S item : items) {
      T mapped = item == null ? null : mapper.apply(item);
      if (mapped != null) {
        out.add(mapped);
      }
    }
    return Collections.unmodifiableList(out);
  }
}
