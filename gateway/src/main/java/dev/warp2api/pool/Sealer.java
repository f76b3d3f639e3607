package dev.warp2api.pool;

import dev.warp2api.config.ConfigException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals the secrets a store keeps (refresh tokens added at run time, cached access tokens) with
 * AES-256-GCM under {@code W2A_SECRET_KEY}, and opens them again, also under
 * {@code W2A_SECRET_KEY_PREVIOUS} while a key is rotated.
 *
 * <p>A sealed value reads {@code sealed:v1:<key id>:<base64url(12-byte nonce | ciphertext | tag)>}.
 * The key id is 8 hex characters of a SHA-256 of the key under a fixed label: it tells which key
 * sealed a value without saying anything useful about the key. The value's context (its
 * credential's fingerprint and field) is the associated data, so a sealed token cannot be moved to
 * another credential's record. Thread-safe.
 */
public final class Sealer {
  /**
   * What every sealed value starts with; a stored value without it was written before sealing was
   * on.
   */
  public static final String PREFIX = "sealed:v1:";

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Key current;
  private final Key previous;

  private record Key(String id, SecretKeySpec spec) {
    static Key of(byte[] raw) {
      if (raw.length != 32) {
        throw new IllegalArgumentException("an AES-256 key is 32 bytes, not " + raw.length);
      }
      return new Key(keyId(raw), new SecretKeySpec(raw.clone(), "AES"));
    }
  }

  /**
   * @param key {@code W2A_SECRET_KEY}, 32 bytes
   * @param previousOrNull {@code W2A_SECRET_KEY_PREVIOUS}, 32 bytes, or null; only ever used to
   *     open
   */
  public Sealer(byte[] key, byte[] previousOrNull) {
    this.current = Key.of(Objects.requireNonNull(key, "key"));
    this.previous = previousOrNull == null ? null : Key.of(previousOrNull);
  }

  /** True when {@code stored} is a sealed value (of any key). */
  public static boolean isSealed(String stored) {
    return stored != null && stored.startsWith(PREFIX);
  }

  /**
   * Seals {@code secret} under the current key for {@code context} (e.g.
   * {@code 3fa4c2d1/access_token}).
   */
  public String seal(String secret, String context) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, current.spec(), new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = c.doFinal(secret.getBytes(StandardCharsets.UTF_8));
      ByteBuffer out =
          ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed);
      return PREFIX + current.id() + ":"
          + Base64.getUrlEncoder().withoutPadding().encodeToString(out.array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JVM", e);
    }
  }

  /**
   * True when {@code stored} is sealed under a key other than the current one (re-seal it when next
   * written).
   */
  public boolean sealedUnderOtherKey(String stored) {
    return isSealed(stored) && !stored.startsWith(PREFIX + current.id() + ":");
  }

  /**
   * Opens a value sealed under the current or the previous key.
   *
   * @throws ConfigException naming W2A_SECRET_KEY when neither key sealed it or it does not open (a
   *     store sealed under another key must not be read as empty)
   */
  public String open(String stored, String context) {
    String rest = stored.substring(PREFIX.length());
    int colon = rest.indexOf(':');
    String id = colon < 0 ? "" : rest.substring(0, colon);
    Key key = id.equals(current.id())
        ? current
        : previous != null && id.equals(previous.id()) ? previous : null;
    if (key == null) {
      throw wrongKey();
    }
    try {
      byte[] all = Base64.getUrlDecoder().decode(rest.substring(colon + 1));
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key.spec(), new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
      c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      return new String(
          c.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw wrongKey();
    }
  }

  /**
   * Reads a stored secret: a sealed one is opened; one in clear (written before sealing was on) is
   * returned as is and sealed when next written.
   *
   * @param sealerOrNull the store's sealer, or null when {@code W2A_SECRET_KEY} is unset
   * @throws ConfigException when the value is sealed and there is no key, or not the key that
   *     sealed it
   */
  public static String read(Sealer sealerOrNull, String stored, String context) {
    if (stored == null || !isSealed(stored)) {
      return stored;
    }
    if (sealerOrNull == null) {
      throw new ConfigException(
          List.of(
              "W2A_SECRET_KEY: the state store holds secrets sealed with a key, but "
                  + "W2A_SECRET_KEY is not set; set the key that sealed them (the store is left as it is)"));
    }
    return sealerOrNull.open(stored, context);
  }

  /**
   * Seals {@code secret} when there is a sealer, else returns it as is (the file store without a
   * key).
   */
  public static String write(Sealer sealerOrNull, String secret, String context) {
    return secret == null || sealerOrNull == null ? secret : sealerOrNull.seal(secret, context);
  }

  private static ConfigException wrongKey() {
    return new ConfigException(
        List.of(
            "W2A_SECRET_KEY: the state store holds secrets sealed with another key "
                + "(neither W2A_SECRET_KEY nor W2A_SECRET_KEY_PREVIOUS opens them); set the key that sealed them, or "
                + "the new one with the old one as W2A_SECRET_KEY_PREVIOUS while rotating (the store is left as it is)"));
  }

  private static String keyId(byte[] raw) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update("warp2api key id".getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d.digest(raw), 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "Sealer[key=" + current.id() + (previous == null ? "" : ", previous=" + previous.id())
        + "]";
  }
}
