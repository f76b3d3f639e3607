package dev.warp2api.sim;

import dev.warp2api.warp.protocol.pb.Request;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One AI request the simulator decoded, and how it answered. The account is named by its label and
 * the fingerprint of its refresh token; the token itself is not kept. The {@code authorization}
 * header is stored redacted ({@code Bearer ██}); {@link #bearerFingerprint()} identifies the access
 * token instead.
 *
 * @param request the decoded {@code Request}
 * @param accountLabel the account's label, e.g. {@code personal-1}
 * @param accountFingerprint first 8 hex digits of SHA-256 of the account's refresh token
 * @param headers request headers, names lower-case, {@code authorization} redacted
 * @param bearerFingerprint first 8 hex digits of SHA-256 of the bearer access token
 * @param status the HTTP status answered; 0 when no status was sent ({@link SimFault#STALL},
 *     {@link SimFault#DISCONNECT_BEFORE_RESPONSE})
 * @param conversationId the conversation id of the stream ({@code init.conversation_id}); empty
 *     when none
 * @param at the simulator clock when the request was decoded
 */
public record RecordedRequest(
    Request request,
    String accountLabel,
    String accountFingerprint,
    Map<String, List<String>> headers,
    String bearerFingerprint,
    int status,
    String conversationId,
    Instant at) {

  public RecordedRequest {
    Objects.requireNonNull(request, "request");
    headers = Map.copyOf(headers);
  }

  /** The first value of a header (case-insensitive name), or null. */
  public String header(String name) {
    List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** Whether this request was made with the account of {@code refreshToken}. */
  public boolean isFor(String refreshToken) {
    return SimAccountSpec.fingerprint(refreshToken).equals(accountFingerprint);
  }

  /** The last user query text of the request ("" if none). */
  public String lastQuery() {
    return Turn.lastQuery(request);
  }

  @Override
  public String toString() {
    return "RecordedRequest[account=" + accountLabel + "/" + accountFingerprint + ", status="
        + status
        + ", conversationId=" + conversationId + ", at=" + at + ", bytes="
        + request.getSerializedSize()
        + ", headers=" + headers.keySet() + "]";
  }
}
