package io.github.flowruns.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The credentials one client holds (its API key, a login's password, the tokens it obtained), and
 * the redactor that removes them from any text a server sent back, however the server encoded
 * them. One instance per client, shared by all its calls and threads. Not API.
 *
 * <pre>{@code
 * Secrets secrets = http.secrets();          // at build(): the key is already in it
 * secrets.addLogin(username, password);       // Patchworks login
 * String safe = secrets.redact(errorBody);   // then Redaction.redactText's patterns
 * }</pre>
 *
 * <p><b>How encoded echoes are found.</b> A text is matched against every registered form of every
 * secret in several <em>decoded views</em> of it: as it is, with JSON string escapes decoded
 * ({@code \/}, {@code \u003d}, any {@code \}{@code uXXXX}), with percent escapes decoded (UTF-8;
 * {@code +} kept and {@code +} as a space), with HTML character references decoded, and every
 * combination of two of these. Each view keeps, for each of its characters, the span of the
 * original text it came from, so a match in a view masks exactly that span of the original and the
 * rest of the text is kept as the server sent it. Decoding is the sound choice for these
 * encodings: any character may be escaped or not, in either hex case, so the encoded forms of one
 * secret are too many to register. Base64 is the opposite case: it cannot be decoded out of
 * arbitrary text (where would it start?), but a secret has exactly two Base64 encodings (standard
 * and URL-safe) of itself and two of {@code user:password}, which are registered as forms, without
 * padding so that a padded echo matches too. Matching happens before any pattern-based redaction,
 * which could otherwise mask half of a secret and hide the other half from the match.
 *
 * <p>Secrets shorter than {@link #MIN_LENGTH} characters are not registered: masking every
 * occurrence of a two-letter string would destroy the text and protect nothing.
 */
public final class Secrets {
  /** The shortest secret registered. */
  public static final int MIN_LENGTH = 4;
  /** Tokens obtained later are kept up to this many (the oldest are forgotten, long expired). */
  static final int MAX_OBTAINED = 32;
  /** How many decodings are stacked (e.g. a percent-encoded key inside a JSON string). */
  private static final int MAX_DEPTH = 2;

  private final Object lock = new Object();
  private final Set<String> fixed = new LinkedHashSet<>();
  /** {@code user:password} pairs, looked for as Base64 only (see {@link #addLogin}). */
  private final Set<String> pairs = new LinkedHashSet<>();
  private final Map<String, Boolean> obtained = new LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > MAX_OBTAINED;
    }
  };
  /** Every form to look for, longest first; rebuilt on change, read without the lock. */
  private volatile List<String> forms = List.of();

  /** An empty set, for a client being built. */
  public Secrets() {}

  /**
   * Registers a credential the client holds for its whole life (an API key, a password).
   *
   * @param secret the secret; null or shorter than {@link #MIN_LENGTH} is ignored
   */
  public void add(String secret) {
    if (usable(secret)) {
      synchronized (lock) {
        if (fixed.add(secret)) {
          rebuild();
        }
      }
    }
  }

  /**
   * Registers a login's credentials: the password, and {@code username:password} for the Base64
   * of HTTP Basic.
   *
   * @param username the username, may be null
   * @param password the password
   */
  public void addLogin(String username, String password) {
    add(password);
    if (usable(password) && username != null) {
      synchronized (lock) {
        if (pairs.add(username + ":" + password)) {
          rebuild();
        }
      }
    }
  }

  /**
   * Registers a credential obtained while the client runs (a bearer token from a login). The most
   * recent {@value #MAX_OBTAINED} are kept, so a client renewing tokens for months does not slow
   * down its error path.
   *
   * @param secret the secret; null or shorter than {@link #MIN_LENGTH} is ignored
   */
  public void addObtained(String secret) {
    if (usable(secret)) {
      synchronized (lock) {
        if (fixed.contains(secret)) {
          return;
        }
        if (obtained.put(secret, Boolean.TRUE) == null) {
          rebuild();
        }
      }
    }
  }

  /** @return whether no secret is registered */
  public boolean isEmpty() {
    return forms.isEmpty();
  }

  /**
   * A text with every registered secret masked, in any encoding this class decodes, then
   * {@link Redaction#redactText(String)}'s patterns applied.
   *
   * @param text the text, may be null
   * @return the redacted text, or null
   */
  public String redact(String text) {
    return Redaction.redactText(mask(text));
  }

  /**
   * A text with every registered secret masked (no pattern-based redaction).
   *
   * @param text the text, may be null
   * @return the text, with {@link Redaction#MASK} where a secret was
   */
  public String mask(String text) {
    List<String> all = forms;
    if (text == null || text.isEmpty() || all.isEmpty()) {
      return text;
    }
    BitSet hidden = new BitSet(text.length());
    List<View> views = new ArrayList<>();
    views.add(View.identity(text));
    for (int i = 0; i < views.size(); i++) {
      View v = views.get(i);
      if (v.depth >= MAX_DEPTH) {
        continue;
      }
      for (Decoder d : Decoder.values()) {
        View decoded = d.decode(v);
        if (decoded != null) {
          views.add(decoded);
        }
      }
    }
    for (View v : views) {
      for (String form : all) {
        for (int at = v.text.indexOf(form); at >= 0; at = v.text.indexOf(form, at + 1)) {
          hidden.set(v.start[at], v.end[at + form.length() - 1]);
        }
      }
    }
    if (hidden.isEmpty()) {
      return text;
    }
    StringBuilder sb = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      int from = hidden.nextSetBit(i);
      if (from < 0) {
        sb.append(text, i, text.length());
        break;
      }
      int to = hidden.nextClearBit(from);
      sb.append(text, i, from).append(Redaction.MASK);
      i = to;
    }
    return sb.toString();
  }

  private static boolean usable(String secret) {
    return secret != null && secret.length() >= MIN_LENGTH;
  }

  private void rebuild() {
    Set<String> all = new LinkedHashSet<>();
    for (String s : fixed) {
      all.add(s);
      addBase64(all, s);
    }
    for (String s : pairs) {
      // Base64 only: the password alone already masks the raw text, and masking "user:" too
      // would hide the username in every message that names it.
      addBase64(all, s);
    }
    for (String s : obtained.keySet()) {
      all.add(s);
      addBase64(all, s);
    }
    List<String> sorted = new ArrayList<>(all);
    sorted.sort((a, b) -> b.length() - a.length());
    forms = List.copyOf(sorted);
  }

  private static void addBase64(Set<String> out, String secret) {
    // The Base64 of a text does not contain the Base64 of its middle, so the whole header value
    // a server might encode ("Bearer <key>") is registered beside the key.
    for (String text : new String[] {secret, "Bearer " + secret}) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      out.add(Base64.getEncoder().withoutPadding().encodeToString(bytes));
      out.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }
  }

  @Override
  public String toString() {
    return "Secrets{" + forms.size() + " forms, [redacted]}";
  }

  /** A decoded text and, for each of its characters, the span of the original it came from. */
  private static final class View {
    final String text;
    final int[] start;
    final int[] end;
    final int depth;

    View(String text, int[] start, int[] end, int depth) {
      this.text = text;
      this.start = start;
      this.end = end;
      this.depth = depth;
    }

    static View identity(String text) {
      int n = text.length();
      int[] s = new int[n];
      int[] e = new int[n];
      for (int i = 0; i < n; i++) {
        s[i] = i;
        e[i] = i + 1;
      }
      return new View(text, s, e, 0);
    }
  }

  /** Collects decoded characters with their spans in the view being decoded. */
  private static final class Out {
    final View from;
    final StringBuilder text;
    int[] start;
    int[] end;
    int n;

    Out(View from) {
      this.from = from;
      this.text = new StringBuilder(from.text.length());
      this.start = new int[from.text.length() + 1];
      this.end = new int[from.text.length() + 1];
    }

    /** Appends a decoded character that came from {@code from.text[s, e)}. */
    void add(char c, int s, int e) {
      if (n == start.length) {
        start = java.util.Arrays.copyOf(start, n * 2 + 2);
        end = java.util.Arrays.copyOf(end, n * 2 + 2);
      }
      text.append(c);
      start[n] = from.start[s];
      end[n] = from.end[e - 1];
      n++;
    }

    void add(String decoded, int s, int e) {
      for (int k = 0; k < decoded.length(); k++) {
        add(decoded.charAt(k), s, e);
      }
    }

    View view() {
      return new View(text.toString(), start, end, from.depth + 1);
    }
  }

  private enum Decoder {
    /** JSON string escapes: {@code \/ \" \\ \b \f \n \r \t \}{@code uXXXX}. */
    JSON {
      @Override
      View decode(View v) {
        String t = v.text;
        if (t.indexOf('\\') < 0) {
          return null;
        }
        Out out = new Out(v);
        int i = 0;
        while (i < t.length()) {
          char c = t.charAt(i);
          if (c == '\\' && i + 1 < t.length()) {
            char x = t.charAt(i + 1);
            if (x == 'u' && i + 6 <= t.length() && hex(t, i + 2, i + 6)) {
              out.add((char) Integer.parseInt(t.substring(i + 2, i + 6), 16), i, i + 6);
              i += 6;
              continue;
            }
            int simple = "/\"\\bfnrt".indexOf(x);
            if (simple >= 0) {
              out.add("/\"\\\b\f\n\r\t".charAt(simple), i, i + 2);
              i += 2;
              continue;
            }
          }
          out.add(c, i, i + 1);
          i++;
        }
        return out.view();
      }
    },
    /** Percent escapes as UTF-8, {@code +} kept (a URL path, or a key with a {@code +}). */
    PERCENT {
      @Override
      View decode(View v) {
        return percent(v, false);
      }
    },
    /** Percent escapes as UTF-8, {@code +} a space (a form or query string). */
    FORM {
      @Override
      View decode(View v) {
        return v.text.indexOf('+') < 0 ? null : percent(v, true);
      }
    },
    /** HTML character references: {@code &#47; &#x2F; &amp; &quot; &lt; &gt; &apos;}. */
    HTML {
      @Override
      View decode(View v) {
        String t = v.text;
        if (t.indexOf('&') < 0) {
          return null;
        }
        Out out = new Out(v);
        int i = 0;
        while (i < t.length()) {
          char c = t.charAt(i);
          int semi = c == '&' ? t.indexOf(';', i) : -1;
          if (semi > i + 1 && semi - i <= 10) {
            String ref = t.substring(i + 1, semi);
            String decoded = entity(ref);
            if (decoded != null) {
              out.add(decoded, i, semi + 1);
              i = semi + 1;
              continue;
            }
          }
          out.add(c, i, i + 1);
          i++;
        }
        return out.view();
      }
    };

    abstract View decode(View v);

    static View percent(View v, boolean plusIsSpace) {
      String t = v.text;
      if (t.indexOf('%') < 0 && !plusIsSpace) {
        return null;
      }
      Out out = new Out(v);
      int i = 0;
      while (i < t.length()) {
        char c = t.charAt(i);
        if (c == '%' && i + 3 <= t.length() && hex(t, i + 1, i + 3)) {
          // A run of escapes is one UTF-8 byte sequence; each decoded character covers the
          // escapes of its own bytes.
          ByteArrayOutputStream bytes = new ByteArrayOutputStream();
          List<Integer> at = new ArrayList<>();
          int j = i;
          while (j + 3 <= t.length() && t.charAt(j) == '%' && hex(t, j + 1, j + 3)) {
            at.add(j);
            bytes.write(Integer.parseInt(t.substring(j + 1, j + 3), 16));
            j += 3;
          }
          at.add(j);
          byte[] b = bytes.toByteArray();
          int k = 0;
          while (k < b.length) {
            int len = utf8Length(b[k]);
            if (len == 0 || k + len > b.length) {
              len = 1;
            }
            String s = new String(b, k, len, StandardCharsets.UTF_8);
            out.add(s, at.get(k), at.get(k + len));
            k += len;
          }
          i = j;
          continue;
        }
        out.add(plusIsSpace && c == '+' ? ' ' : c, i, i + 1);
        i++;
      }
      return out.view();
    }

    static int utf8Length(byte first) {
      int b = first & 0xff;
      return b < 0x80 ? 1 : b >= 0xf0 && b < 0xf8 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 0;
    }

    static String entity(String ref) {
      switch (ref) {
        case "amp":
          return "&";
        case "quot":
          return "\"";
        case "lt":
          return "<";
        case "gt":
          return ">";
        case "apos":
          return "'";
        default:
          break;
      }
      try {
        int cp;
        if (ref.startsWith("#x") || ref.startsWith("#X")) {
          cp = Integer.parseInt(ref.substring(2), 16);
        } else if (ref.startsWith("#")) {
          cp = Integer.parseInt(ref.substring(1));
        } else {
          return null;
        }
        return Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : null;
      } catch (NumberFormatException e) {
        return null;
      }
    }

    static boolean hex(String t, int from, int to) {
      for (int k = from; k < to; k++) {
        if (Character.digit(t.charAt(k), 16) < 0) {
          return false;
        }
      }
      return true;
    }
  }
}
