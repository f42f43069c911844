package io.krxtrader.kis;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * KIS's notice encryption: Base64 of AES-256-CBC with PKCS#7 padding, key and iv taken as ASCII
 * from the registration ack ({@code output.key}, 32 chars; {@code output.iv}, 16 chars). The client
 * decrypts with it; the simulator encrypts with it.
 */
public final class NoticeCipher {

  private NoticeCipher() {}

  static String decrypt(String base64, String key, String iv) {
    try {
      return new String(
          cipher(Cipher.DECRYPT_MODE, key, iv).doFinal(Base64.getDecoder().decode(base64.strip())),
          StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new KisException(
          "cannot decrypt an execution notice [error=" + e.getClass().getSimpleName() + "]");
    }
  }

  public static String encrypt(String plain, String key, String iv) {
    try {
      return Base64.getEncoder()
          .encodeToString(
              cipher(Cipher.ENCRYPT_MODE, key, iv).doFinal(plain.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new KisException(
          "cannot encrypt an execution notice [error=" + e.getClass().getSimpleName() + "]");
    }
  }

  private static Cipher cipher(int mode, String key, String iv) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
    cipher.init(
        mode,
        new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "AES"),
        new IvParameterSpec(iv.getBytes(StandardCharsets.UTF_8)));
    return cipher;
  }
}
