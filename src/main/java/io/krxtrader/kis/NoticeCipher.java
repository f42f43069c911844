package io.krxtrader.kis;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * KIS's notice encryption: Base64 of AES-256-CBC with PKCS#7 padding, key and iv taken as ASCII
 * from the registration ack ({@code output.key}, 32 chars; {@code output.iv}, 16 chars).
 */
final class NoticeCipher {

  private NoticeCipher() {}

  static String decrypt(String base64, String key, String iv) {
    try {
      Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
      cipher.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "AES"),
          new IvParameterSpec(iv.getBytes(StandardCharsets.UTF_8)));
      return new String(
          cipher.doFinal(Base64.getDecoder().decode(base64.strip())), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new KisException(
          "cannot decrypt an execution notice [error=" + e.getClass().getSimpleName() + "]");
    }
  }

  static String encrypt(String plain, String key, String iv) {
    try {
      Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
      cipher.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "AES"),
          new IvParameterSpec(iv.getBytes(StandardCharsets.UTF_8)));
      return Base64.getEncoder()
          .encodeToString(cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new KisException(
          "cannot encrypt an execution notice [error=" + e.getClass().getSimpleName() + "]");
    }
  }
}
