import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Date;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPair;

/**
 * Writes a throwaway OpenPGP signing key for the release dry run, with BouncyCastle alone (no gpg
 * binary): an RSA key, its user id "flowruns-java release dry run", protected by a passphrase.
 * The dry run hands the secret key to maven-gpg-plugin's bc signer through MAVEN_GPG_KEY and the
 * passphrase through MAVEN_GPG_PASSPHRASE, and checks the bundle's signatures against the public
 * key. Never use this key for anything else: it is made to be thrown away.
 *
 * <pre>java -cp 'bcpg.jar:bcprov.jar:bcutil.jar' scripts/release/ThrowawayKey.java OUT_DIR</pre>
 *
 * writes OUT_DIR/secret-key.asc, OUT_DIR/public-key.asc and OUT_DIR/passphrase (all mode 0600 by
 * the umask the script sets).
 */
public final class ThrowawayKey {
  private ThrowawayKey() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: ThrowawayKey OUT_DIR");
      System.exit(2);
    }
    Path out = Path.of(args[0]);
    Files.createDirectories(out);
    SecureRandom random = new SecureRandom();
    // 32 random bytes as hex: a passphrase with no character a shell or an env var would mangle.
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    String passphrase = String.format("%064x", new BigInteger(1, secret));

    RSAKeyPairGenerator rsa = new RSAKeyPairGenerator();
    // 3072 bits: what Central's documentation asks of a real key; generation takes about a second.
    rsa.init(new RSAKeyGenerationParameters(BigInteger.valueOf(0x10001), random, 3072, 80));
    PGPKeyPair pair = new BcPGPKeyPair(PublicKeyAlgorithmTags.RSA_GENERAL, rsa.generateKeyPair(), new Date());
    PGPDigestCalculator sha1 = new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA1);
    PGPSecretKey key = new PGPSecretKey(PGPSignature.POSITIVE_CERTIFICATION, pair,
        "flowruns-java release dry run (throwaway) <dry-run@invalid>", sha1, null, null,
        new BcPGPContentSignerBuilder(pair.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256),
        new BcPBESecretKeyEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256, sha1)
            .build(passphrase.toCharArray()));

    Files.writeString(out.resolve("passphrase"), passphrase);
    Files.write(out.resolve("secret-key.asc"), armored(key::encode));
    Files.write(out.resolve("public-key.asc"), armored(key.getPublicKey()::encode));
    System.out.printf("throwaway key %016X in %s%n", key.getKeyID(), out);
  }

  private interface Encoder {
    void encode(OutputStream out) throws IOException;
  }

  private static byte[] armored(Encoder encoder) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ArmoredOutputStream armour = new ArmoredOutputStream(bytes)) {
      encoder.encode(armour);
    }
    return bytes.toByteArray();
  }
}
