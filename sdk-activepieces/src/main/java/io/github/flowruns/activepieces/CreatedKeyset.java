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
     * Whether a run created at {@code order} relative to the bound ({@link #compare}) is one this
     * page may hold: at or before the bound ({@code <}), at the instant ({@code =}), before it
     * ({@code !}).
     */
    boolean within(int order) {
      return switch (kind) {
        case '<' -> order <= 0;
        case '=' -> order == 0;
        default -> order < 0;
      };
    }

    /** Whether a run created at the bound's instant was delivered by an earlier page. */
    boolean delivered(FlowRun run) {
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
    // One epoch computation per run: these checks run on every run of every page.
    long second = at.at().toEpochSecond();
    int nano = at.at().getNano();
    List<FlowRun> out = null;   // a copy only once a run is left out
    for (int i = 0; i < data.size(); i++) {
      FlowRun run = data.get(i);
      OffsetDateTime created = run == null ? null : run.getCreated();
      boolean repeat = false;
      if (created != null) {
        int order = compare(created, second, nano);
        if (!at.within(order)) {
          throw new IllegalStateException("the server listed a run created at " + created
              + ", past the bound it was sent (createdBefore/createdAfter " + at.at() + ")");
        }
        repeat = order == 0 && at.delivered(run);
      }
      if (repeat && out == null) {
        out = new ArrayList<>(data.subList(0, i));
      } else if (!repeat && out != null) {
        out.add(run);
      }
    }
    return out == null ? data : out;
  }

  /** {@code time} against the instant {@code second}.{@code nano}: negative when earlier. */
  private static int compare(OffsetDateTime time, long second, int nano) {
    int bySecond = Long.compare(time.toEpochSecond(), second);
    return bySecond != 0 ? bySecond : Integer.compare(time.getNano(), nano);
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
    // The last run's creation time bounds the next page, and the runs of its instant at the
    // page's end are the ones the next page repeats. (A server that does not sort as it says
    // may so give a run twice; it loses none: every run it left unlisted is at or before it.)
    OffsetDateTime oldest = last.getCreated();
    long second = oldest.toEpochSecond();
    int nano = oldest.getNano();
    Set<String> seen = new HashSet<>();
    if (at != null && at.kind() == '<' && compare(at.at(), second, nano) == 0) {
      seen.addAll(at.seen());   // a page still within the last one's instant
    }
    boolean oneInstant = true;
    for (int i = data.size() - 1; i >= 0; i--) {
      FlowRun run = data.get(i);
      OffsetDateTime created = run == null ? null : run.getCreated();
      if (created == null) {
        continue;
      }
      if (compare(created, second, nano) != 0) {
        oneInstant = false;
        break;
      }
      if (run.getId() != null) {
        seen.add(run.getId());
      }
    }
    // Many runs of one instant: rather than carry their ids in ever longer tokens, take the
    // whole instant in one page. (A page that brought no new id repeats its token, and the
    // pager ends a listing that names a page twice.)
    return encode(oneInstant && seen.size() >= ONE_INSTANT ? '=' : '<', oldest, seen);
  }

  private static String encode(char kind, OffsetDateTime at, Set<String> seen) {
    StringBuilder b = new StringBuilder(PREFIX).append(kind).append(at);
    for (String id : seen) {
      b.append('\n').append(id);
    }
    return b.toString();
  }
}
