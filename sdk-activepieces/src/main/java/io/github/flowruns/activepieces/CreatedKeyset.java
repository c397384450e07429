package io.github.flowruns.activepieces;

import io.github.flowruns.activepieces.model.FlowRun;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Pages Activepieces' run listing by creation time itself instead of following the server's
 * {@code next} cursor, which loses runs.
 *
 * <p>Why: the server's cursor names the creation time of a page's last run, and the next page
 * holds the runs whose creation time, cut to the second, is earlier than that run's, cut to the
 * second ({@code DATE_TRUNC('second', created) < DATE_TRUNC('second', :created)} in the server's
 * paginator; vendors.md, Activepieces, Paging). The runs created in the same second as a page's
 * last run, but after it in the listing's order, are on no page. On a busy project that is a few
 * runs in every thousand, in every listing: an export, a count, a bulk action's listing, a feed.
 *
 * <p>How: the server's {@code createdBefore} filter compares the full creation time and is
 * inclusive ({@code flow_run.created <= :createdBefore}). So the next page asks for the runs
 * created at or before the last run's creation time, and leaves out the ones already delivered
 * at exactly that time (their ids travel in the token, usually one or two). Every run the server
 * holds under the query is then on some page exactly once, whatever order the server gives runs
 * created at the same instant:
 * <ul>
 *   <li>{@code <} t, ids: the runs created at or before t, less those ids created at t, the
 *       limit raised by their number so that the page still brings a page size of new runs;</li>
 *   <li>{@code =} t, ids: when {@value #ONE_INSTANT} runs or more were created at one instant t,
 *       every run created at exactly t in one unlimited page ({@code limit=-1}, which the server
 *       allows: vendors.md), less those ids, rather than ever longer tokens;</li>
 *   <li>{@code !} t: the runs created before t, after such a page: {@code createdBefore} t less
 *       one microsecond (the database's precision), and no run created at t.</li>
 * </ul>
 * A page without a readable creation time on its last run goes on with the server's cursor, as
 * before (nothing better can be asked). A server cursor given to {@code resumeFrom} still works.
 * Not API.
 */
final class CreatedKeyset {
  /** Prefix of our tokens; a server cursor is Base64 and has none of {@code <=!}. */
  private static final String PREFIX = "ks1";
  /** Runs of one instant past which its runs are listed in one page rather than by ids. */
  static final int ONE_INSTANT = 100;
  /** The server's page size when none is sent (vendors.md). */
  private static final int SERVER_DEFAULT_LIMIT = 10;

  /** What one page request asks; null fields are the query's own. */
  record Position(char kind, OffsetDateTime at, Set<String> seen) {
    /** The page's {@code createdBefore}: the tighter of the query's bound and this position's. */
    OffsetDateTime createdBefore(OffsetDateTime queryBefore) {
      OffsetDateTime bound = kind == '!' ? at.minusNanos(1_000) : at;
      return queryBefore != null && queryBefore.isBefore(bound) ? queryBefore : bound;
    }

    /** The page's {@code createdAfter}: for an instant's page, that instant. */
    OffsetDateTime createdAfter(OffsetDateTime queryAfter) {
      return kind == '=' && (queryAfter == null || queryAfter.isBefore(at)) ? at : queryAfter;
    }

    /**
     * The page's {@code limit}: unlimited for an instant's page; else the query's page size plus
     * the runs the page will repeat (they come first: nothing under the bound is newer), so that
     * it still holds a page size of new runs.
     */
    Integer limit(Integer pageSize) {
      if (kind == '=') {
        return -1;
      }
      int size = pageSize == null ? SERVER_DEFAULT_LIMIT : pageSize;
      return kind == '<' ? size + seen.size() : size;
    }

    /**
     * Whether a run is one this page may hold: created at or before the bound ({@code <}), at
     * the instant ({@code =}), before it ({@code !}). A run without a creation time is let
     * through (it bounds nothing).
     */
    boolean within(FlowRun run) {
      OffsetDateTime created = run.getCreated();
      if (created == null) {
        return true;
      }
      return switch (kind) {
        case '<' -> !created.isAfter(at);
        case '=' -> created.isEqual(at);
        default -> created.isBefore(at);
      };
    }

    /** Whether a run of the answer was delivered by an earlier page. */
    boolean delivered(FlowRun run) {
      OffsetDateTime created = run.getCreated();
      if (created == null || !created.isEqual(at)) {
        return false;
      }
      return kind == '!' || seen.contains(run.getId());
    }
  }

  private CreatedKeyset() {}

  /**
   * The position a token names; null for the first page or a server cursor.
   *
   * @throws IllegalArgumentException for a token of ours that does not read
   */
  static Position position(String token) {
    if (token == null || token.length() < PREFIX.length() + 2 || !token.startsWith(PREFIX)) {
      return null;
    }
    char kind = token.charAt(PREFIX.length());
    if (kind != '<' && kind != '=' && kind != '!') {
      return null;
    }
    String[] parts = token.substring(PREFIX.length() + 1).split("\n", -1);
    try {
      OffsetDateTime at = OffsetDateTime.parse(parts[0]);
      Set<String> seen = new HashSet<>();
      for (int i = 1; i < parts.length; i++) {
        seen.add(parts[i]);
      }
      return new Position(kind, at, seen);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("Not a continuation token of this listing", e);
    }
  }

  /**
   * The runs of an answer that no earlier page delivered.
   *
   * @param at the position the page was asked at, null for the first page or a server cursor
   * @throws IllegalStateException for a run past the bound the page was asked with: the server
   *     does not filter as it says, so paging by its times could repeat runs without end (the
   *     transport reports the page as unreadable)
   */
  static List<FlowRun> fresh(List<FlowRun> data, Position at) {
    if (at == null || data == null) {
      return data;
    }
    List<FlowRun> out = new ArrayList<>(data.size());
    for (FlowRun run : data) {
      if (run != null && !at.within(run)) {
        throw new IllegalStateException("the server listed a run created at " + run.getCreated()
            + ", past the bound it was sent (createdBefore/createdAfter " + at.at() + ")");
      }
      if (run == null || !at.delivered(run)) {
        out.add(run);
      }
    }
    return out;
  }

  /**
   * The token of the page after an answer.
   *
   * @param at the position the answer was asked at (null: first page or server cursor)
   * @param data the answer's runs, as sent
   * @param serverNext the answer's {@code next}; null or blank when the server has no more
   * @return the next token, or null when the listing ends
   */
  static String next(Position at, List<FlowRun> data, String serverNext) {
    if (at != null && at.kind() == '=') {
      // Every run of that instant was on the unlimited page: go on below it.
      return PREFIX + '!' + at.at();
    }
    if (serverNext == null || serverNext.isBlank()) {
      return null;
    }
    FlowRun last = data == null || data.isEmpty() ? null : data.get(data.size() - 1);
    if (last == null || last.getCreated() == null) {
      return serverNext;   // nothing to bound the next page by: the server's cursor, as sent
    }
    // The oldest creation time on the page (the last run's, on a server that sorts as it says)
    // and the newest: a page of one instant cannot move a bound past that instant.
    OffsetDateTime oldest = last.getCreated();
    OffsetDateTime newest = oldest;
    for (FlowRun run : data) {
      OffsetDateTime created = run == null ? null : run.getCreated();
      if (created != null && created.isBefore(oldest)) {
        oldest = created;
      } else if (created != null && created.isAfter(newest)) {
        newest = created;
      }
    }
    Set<String> seen = new HashSet<>();
    if (at != null && at.kind() == '<' && oldest.isEqual(at.at())) {
      seen.addAll(at.seen());   // a page still within the last one's instant
    }
    for (FlowRun run : data) {
      if (run != null && run.getId() != null && run.getCreated() != null
          && run.getCreated().isEqual(oldest)) {
        seen.add(run.getId());
      }
    }
    // Many runs of one instant: rather than carry their ids in ever longer tokens, take the
    // whole instant in one page. (A page that brought no new id repeats its token, and the
    // pager ends a listing that names a page twice.)
    return encode(oldest.isEqual(newest) && seen.size() >= ONE_INSTANT ? '=' : '<', oldest, seen);
  }

  private static String encode(char kind, OffsetDateTime at, Set<String> seen) {
    StringBuilder b = new StringBuilder(PREFIX).append(kind).append(at);
    for (String id : seen) {
      b.append('\n').append(id);
    }
    return b.toString();
  }
}
