import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Checks a Central Portal bundle (the zip central-publishing-maven-plugin writes) before anyone
 * uploads it, offline, and prints one line per problem:
 * <ul>
 *   <li>every artifact of the list is there, and nothing else is (no build-only module);
 *   <li>each has its POM, and a jar packaging its jar, {@code -sources.jar} and {@code -javadoc.jar};
 *   <li>each of those files has {@code .md5} and {@code .sha1} (and any {@code .sha256}/{@code .sha512}
 *       present) that match it, and an {@code .asc} signature that verifies against the given key;
 *   <li>each POM, with its parents (which must be in the bundle too), has what Central requires:
 *       groupId, artifactId, version, name, description, url, a licence (name and url), a developer,
 *       and scm (url, connection);
 *   <li>each main jar carries {@code META-INF/LICENSE} and {@code META-INF/NOTICE}.
 * </ul>
 * Exit status 0 when there is no problem, 1 otherwise, 2 on a usage error.
 *
 * <pre>java -cp 'bcpg.jar:bcprov.jar:bcutil.jar' scripts/release/BundleCheck.java \
 *     BUNDLE.zip PUBLIC-KEY.asc scripts/release/published-artifacts.txt VERSION</pre>
 *
 * The list file has one artifact a line, {@code artifactId packaging} ({@code jar} or {@code pom});
 * {@code #} starts a comment.
 */
public final class BundleCheck {
  private static final String GROUP_PATH = "io/github/flowruns/";
  private static final List<String> REQUIRED_SUMS = List.of("md5", "sha1");
  private static final Map<String, String> DIGESTS = Map.of(
      "md5", "MD5", "sha1", "SHA-1", "sha256", "SHA-256", "sha512", "SHA-512");

  private final Map<String, byte[]> files = new TreeMap<>();
  private final List<String> problems = new ArrayList<>();
  private final PGPPublicKeyRingCollection keys;
  private final String version;

  private BundleCheck(Path bundle, Path publicKey, String version) throws Exception {
    this.version = version;
    try (ZipFile zip = new ZipFile(bundle.toFile())) {
      for (ZipEntry e : java.util.Collections.list(zip.entries())) {
        if (!e.isDirectory()) {
          try (InputStream in = zip.getInputStream(e)) {
            files.put(e.getName(), in.readAllBytes());
          }
        }
      }
    }
    try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(publicKey))) {
      keys = new PGPPublicKeyRingCollection(in, new BcKeyFingerprintCalculator());
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println("usage: BundleCheck BUNDLE.zip PUBLIC-KEY.asc ARTIFACT-LIST VERSION");
      System.exit(2);
    }
    Map<String, String> expected = new LinkedHashMap<>();
    for (String line : Files.readAllLines(Path.of(args[2]))) {
      String l = line.replaceFirst("#.*", "").trim();
      if (!l.isEmpty()) {
        String[] parts = l.split("\\s+");
        expected.put(parts[0], parts.length > 1 ? parts[1] : "jar");
      }
    }
    BundleCheck check = new BundleCheck(Path.of(args[0]), Path.of(args[1]), args[3]);
    int artifacts = check.run(expected);
    for (String p : check.problems) {
      System.out.println("bundle: " + p);
    }
    if (check.problems.isEmpty()) {
      System.out.printf("bundle: OK, %d artifacts, %d files, every signature verified%n",
          artifacts, check.files.size());
    } else {
      System.out.printf("bundle: %d problem(s)%n", check.problems.size());
      System.exit(1);
    }
  }

  private int run(Map<String, String> expected) throws Exception {
    TreeSet<String> unclaimed = new TreeSet<>(files.keySet());
    int found = 0;
    for (Map.Entry<String, String> a : expected.entrySet()) {
      String artifactId = a.getKey();
      String dir = GROUP_PATH + artifactId + "/" + version + "/";
      String base = dir + artifactId + "-" + version;
      List<String> main = new ArrayList<>(List.of(base + ".pom"));
      if (a.getValue().equals("jar")) {
        main.addAll(List.of(base + ".jar", base + "-sources.jar", base + "-javadoc.jar"));
      }
      if (files.keySet().stream().noneMatch(f -> f.startsWith(dir))) {
        problems.add("MISSING artifact " + artifactId + " (no " + dir + ")");
        continue;
      }
      found++;
      for (String file : main) {
        checkFile(file, unclaimed);
      }
      if (files.containsKey(base + ".pom")) {
        checkPom(artifactId, base + ".pom");
      }
      if (files.containsKey(base + ".jar")) {
        checkJarCarries(base + ".jar", "META-INF/LICENSE", "META-INF/NOTICE");
      }
    }
    for (String f : unclaimed) {
      problems.add("UNEXPECTED file " + f + " (not a file of a listed artifact)");
    }
    return found;
  }

  private void checkFile(String file, TreeSet<String> unclaimed) throws Exception {
    byte[] content = files.get(file);
    if (content == null) {
      problems.add("MISSING " + file);
      // Its signature and checksums, if left behind, are part of the same problem.
      unclaimed.removeIf(f -> f.startsWith(file + "."));
      return;
    }
    unclaimed.remove(file);
    checkSums(file, content, REQUIRED_SUMS, unclaimed);
    byte[] signature = files.get(file + ".asc");
    if (signature == null) {
      problems.add("MISSING signature " + file + ".asc");
    } else {
      unclaimed.remove(file + ".asc");
      checkSums(file + ".asc", signature, List.of(), unclaimed);
      String bad = verify(content, signature);
      if (bad != null) {
        problems.add("BAD signature " + file + ".asc: " + bad);
      }
    }
  }

  private void checkSums(String file, byte[] content, List<String> required, TreeSet<String> unclaimed)
      throws Exception {
    for (Map.Entry<String, String> d : new TreeMap<>(DIGESTS).entrySet()) {
      byte[] sum = files.get(file + "." + d.getKey());
      if (sum == null) {
        if (required.contains(d.getKey())) {
          problems.add("MISSING checksum " + file + "." + d.getKey());
        }
        continue;
      }
      unclaimed.remove(file + "." + d.getKey());
      String want = HexFormat.of().formatHex(MessageDigest.getInstance(d.getValue()).digest(content));
      String got = new String(sum, StandardCharsets.US_ASCII).trim().split("\\s+")[0]
          .toLowerCase(Locale.ROOT);
      if (!want.equals(got)) {
        problems.add("BAD checksum " + file + "." + d.getKey() + " (" + got + ", file is " + want + ")");
      }
    }
  }

  /** Null when the detached signature verifies, else why not. */
  private String verify(byte[] content, byte[] armoured) {
    try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(armoured))) {
      Object o = new BcPGPObjectFactory(in).nextObject();
      if (!(o instanceof PGPSignatureList) || ((PGPSignatureList) o).isEmpty()) {
        return "not a detached signature";
      }
      PGPSignature sig = ((PGPSignatureList) o).get(0);
      PGPPublicKey key = keys.getPublicKey(sig.getKeyID());
      if (key == null) {
        return String.format("made by key %016X, not the given one", sig.getKeyID());
      }
      sig.init(new BcPGPContentVerifierBuilderProvider(), key);
      sig.update(content);
      return sig.verify() ? null : "does not match the file";
    } catch (Exception e) {
      return e.toString();
    }
  }

  private void checkPom(String artifactId, String pomFile) throws Exception {
    List<Element> chain = new ArrayList<>();
    Element pom = parse(pomFile);
    String at = pomFile;
    while (pom != null) {
      chain.add(pom);
      Element parent = child(pom, "parent");
      if (parent == null) {
        break;
      }
      String pa = text(parent, "artifactId");
      String pv = text(parent, "version");
      String parentFile = GROUP_PATH + pa + "/" + pv + "/" + pa + "-" + pv + ".pom";
      if (!files.containsKey(parentFile)) {
        problems.add("POM " + at + ": parent " + pa + ":" + pv + " is not in the bundle");
        break;
      }
      at = parentFile;
      pom = parse(parentFile);
    }
    Element own = chain.get(0);
    require(pomFile, "artifactId", artifactId.equals(text(own, "artifactId")));
    require(pomFile, "version " + version, version.equals(inherited(chain, "version")));
    require(pomFile, "groupId", inherited(chain, "groupId") != null);
    // name is not inherited by Maven: each POM needs its own.
    require(pomFile, "name", text(own, "name") != null);
    for (String field : List.of("description", "url")) {
      require(pomFile, field, inheritedProjectField(chain, field) != null);
    }
    require(pomFile, "licenses/license with name and url",
        has(chain, "licenses", "license", "name") && has(chain, "licenses", "license", "url"));
    require(pomFile, "developers/developer with a name",
        has(chain, "developers", "developer", "name"));
    require(pomFile, "scm with url and connection",
        has(chain, "scm", null, "url") && has(chain, "scm", null, "connection"));
  }

  private void require(String pomFile, String what, boolean ok) {
    if (!ok) {
      problems.add("POM " + pomFile + " lacks " + what + " (Central requires it)");
    }
  }

  /** version/groupId: the project's own, or its parent element's. */
  private static String inherited(List<Element> chain, String field) {
    Element own = chain.get(0);
    String v = text(own, field);
    if (v == null && child(own, "parent") != null) {
      v = text(child(own, "parent"), field);
    }
    return v;
  }

  private static String inheritedProjectField(List<Element> chain, String field) {
    for (Element pom : chain) {
      String v = text(pom, field);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  /** Whether the nearest POM in the chain that has {@code section} has an entry with {@code leaf}. */
  private static boolean has(List<Element> chain, String section, String entry, String leaf) {
    for (Element pom : chain) {
      Element s = child(pom, section);
      if (s == null) {
        continue;
      }
      if (entry == null) {
        return text(s, leaf) != null;
      }
      for (Node n = s.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n instanceof Element && entry.equals(n.getNodeName()) && text((Element) n, leaf) != null) {
          return true;
        }
      }
      return false;
    }
    return false;
  }

  private void checkJarCarries(String jarFile, String... names) throws IOException {
    TreeSet<String> missing = new TreeSet<>(List.of(names));
    try (ZipInputStream jar = new ZipInputStream(new ByteArrayInputStream(files.get(jarFile)))) {
      for (ZipEntry e = jar.getNextEntry(); e != null; e = jar.getNextEntry()) {
        missing.remove(e.getName());
      }
    }
    for (String m : missing) {
      problems.add("JAR " + jarFile + " lacks " + m);
    }
  }

  private Element parse(String file) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(files.get(file)));
    return d.getDocumentElement();
  }

  private static Element child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element && name.equals(n.getNodeName())) {
        return (Element) n;
      }
    }
    return null;
  }

  private static String text(Element parent, String name) {
    Element c = child(parent, name);
    if (c == null) {
      return null;
    }
    String t = c.getTextContent().trim();
    return t.isEmpty() ? null : t;
  }
}
