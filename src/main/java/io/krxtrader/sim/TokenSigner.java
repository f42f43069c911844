package io.krxtrader.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Access tokens in KIS's shape: a three-part JWT ({@code header.payload.signature}, base64url
 * without padding), header {@code {"typ":"JWT","alg":"HS512"}} and the claims of KIS's documented
 * example token ({@code sub}, {@code aud}, {@code iss}, {@code exp}, {@code iat}, {@code jti};
 * times in epoch seconds of the wall clock), with an HMAC-SHA512 signature. The key is 64 random
 * bytes drawn when the simulator starts and never leaves it: the signature makes the shape real (a
 * client that splits or decodes the token works) and proves nothing to anyone else.
 */
final class TokenSigner {

  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
  private static final String HEADER =
      BASE64URL.encodeToString(
          "{\"typ\":\"JWT\",\"alg\":\"HS512\"}".getBytes(StandardCharsets.UTF_8));

  private final SecretKeySpec key;

  TokenSigner() {
    byte[] bytes = new byte[64];
    new SecureRandom().nextBytes(bytes);
    key = new SecretKeySpec(bytes, "HmacSHA512");
  }

  String sign(String audience, Instant issuedAt, Instant expiresAt, String tokenId) {
    ObjectNode claims = Reply.JSON.createObjectNode();
    claims.put("sub", "token");
    claims.put("aud", audience);
    claims.put("iss", "unogw");
    claims.put("exp", expiresAt.getEpochSecond());
    claims.put("iat", issuedAt.getEpochSecond());
    claims.put("jti", tokenId);
    String signed =
        HEADER + "." + BASE64URL.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
    return signed + "." + BASE64URL.encodeToString(mac(signed));
  }

  /** Whether {@code token} carries this simulator's signature. */
  boolean verify(String token) {
    int last = token.lastIndexOf('.');
    if (last < 0 || token.indexOf('.') == last) {
      return false;
    }
    byte[] expected = mac(token.substring(0, last));
    byte[] actual;
    try {
      actual = Base64.getUrlDecoder().decode(token.substring(last + 1));
    } catch (IllegalArgumentException e) {
      return false;
    }
    return java.security.MessageDigest.isEqual(expected, actual);
  }

  private byte[] mac(String signed) {
    try {
      Mac mac = Mac.getInstance("HmacSHA512");
      mac.init(key);
      return mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA512 is part of every JDK", e);
    }
  }
}
