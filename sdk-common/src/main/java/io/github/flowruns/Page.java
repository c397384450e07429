package io.github.flowruns;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One page of a {@link Paged} result: its items and the token that continues after them.
 *
 * <pre>{@code
 * for (Page<Run> page : client.listRuns(query).pages()) {
 *   save(page.items());
 *   checkpoint(page.nextToken());     // later: client.listRuns(query).resumeFrom(token)
 * }
 * }</pre>
 *
 * @param <T> the item type
 */
public final class Page<T> {
  private final List<T> items;
  private final String nextToken;

  private Page(List<T> items, String nextToken) {
    this.items = items;
    this.nextToken = nextToken;
  }

  /**
   * Creates a page; the list is copied.
   *
   * <pre>{@code Page.of(runs, hasMore ? cursor : null)}</pre>
   *
   * @param items the items, not null, no null elements
   * @param nextToken the continuation token, or null on the last page
   * @param <T> the item type
   * @return the page
   */
  public static <T> Page<T> of(List<? extends T> items, String nextToken) {
    Objects.requireNonNull(items, "items");
    List<T> copy = new ArrayList<>(items.size());
    for (T t : items) {
      copy.add(Objects.requireNonNull(t, "items element"));
    }
    return new Page<>(Collections.unmodifiableList(copy), nextToken);
  }

  /**
   * The items of this page.
   *
   * @return an unmodifiable list, possibly empty
   */
  public List<T> items() {
    return items;
  }

  /**
   * The opaque token that continues after this page, for {@link Paged#resumeFrom(String)}; a
   * plain string that can be stored and used in another process.
   *
   * @return the token, or null on the last page
   */
  public String nextToken() {
    return nextToken;
  }

  /**
   * Whether another page follows.
   *
   * @return true if {@link #nextToken()} is not null
   */
  public boolean hasNext() {
    return nextToken != null;
  }

  @Override
  public String toString() {
    return "Page{" + items.size() + " items, nextToken=" + nextToken + "}";
  }
}
