package io.github.flowruns;

import java.util.stream.Stream;

/**
 * A lazy, auto-paging result. Iterating fetches pages only as they are consumed and keeps one page
 * in memory at a time, however many items there are; the query's {@code limit} is honoured without
 * fetching a page more than needed. Each call to {@link #iterator()}, {@link #stream()} or
 * {@link #pages()} starts again from the first page (or the token given to
 * {@link #resumeFrom(String)}). The {@code RequestOptions} given to the listing call apply to every
 * page.
 *
 * <pre>{@code
 * Paged<Run> runs = client.listRuns(RunQuery.builder().statuses(RunStatus.FAILED).build());
 * runs.stream().limit(10).forEach(System.out::println);        // item by item
 *
 * for (Page<Run> page : runs.pages()) {                         // page by page
 *   store(page.items(), page.nextToken());
 * }
 * Paged<Run> rest = runs.resumeFrom(savedToken);               // continue later, nothing lost or repeated
 * }</pre>
 *
 * @param <T> the item type
 */
public interface Paged<T> extends Iterable<T> {

  /**
   * The items as a sequential, ordered stream; pages are fetched as the stream is consumed.
   *
   * <pre>{@code long failed = paged.stream().filter(r -> r.status().isFailure()).count();}</pre>
   *
   * @return a new stream starting at the first page
   */
  Stream<T> stream();

  /**
   * The pages, each with its continuation token. The last page has a null token; a page cut short
   * by the limit carries a token that continues right after its last item.
   *
   * <pre>{@code for (Page<Run> p : paged.pages()) { ... p.nextToken() ... }}</pre>
   *
   * @return an iterable of pages; each iterator starts at the first page
   */
  Iterable<Page<T>> pages();

  /**
   * The same listing continued from a token of {@link Page#nextToken()}; the limit, if any, counts
   * items from there.
   *
   * <pre>{@code Paged<Run> rest = client.listRuns(query).resumeFrom(token);}</pre>
   *
   * @param token a token from {@link Page#nextToken()} of the same listing
   * @return a new paged result starting after the page that gave the token
   * @throws IllegalArgumentException if the token is null or was not made by this SDK
   */
  Paged<T> resumeFrom(String token);
}
