package dev.warp2api.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.warp2api.core.GatewayException;
import java.io.IOException;

/**
 * Reading a request body as a JSON tree, for every route that takes one (both chat dialects, count_tokens,
 * the admin routes, the bridge). Strings and names are bounded only by the body limit
 * ({@code W2A_MAX_BODY_BYTES}, already enforced when the body was read), so a valid body under it parses;
 * nesting deeper than Jackson's 1000 levels and numbers longer than its 1000 characters stay refused.
 * Anything after the one JSON value is refused. Errors say where and, generically, why; they never
 * quote the body (which may hold a token), nor the parser's own message. Thread-safe.
 */
public final class RequestJson {
  private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder()
              .maxStringLength(Integer.MAX_VALUE)
              .maxNameLength(Integer.MAX_VALUE)
              .build())
          .build())
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private RequestJson() {}

  /**
   * The body's one JSON value (a missing node when the body holds only whitespace).
   *
   * @throws GatewayException INVALID_REQUEST: "malformed JSON at line L, column C: reason"
   */
  public static JsonNode tree(byte[] body) {
    try (JsonParser parser = MAPPER.createParser(body)) {
      try {
        JsonNode node = MAPPER.readTree(parser);
        return node == null ? MAPPER.missingNode() : node;
      } catch (IOException e) {
        throw malformed(e, parser);
      }
    } catch (IOException e) {
      throw GatewayException.invalid("malformed JSON: the request body cannot be read", null);
    }
  }

  private static GatewayException malformed(IOException e, JsonParser parser) {
    JsonLocation at = e instanceof JsonProcessingException j ? j.getLocation() : null;
    if (at == null) {
      at = parser.currentLocation();
    }
    String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    return GatewayException.invalid("malformed JSON" + where + ": " + reason(e), null);
  }

  /** A short generic reason; never the parser's message, which may quote the body. */
  private static String reason(IOException e) {
    if (e instanceof StreamConstraintsException c) {
      String text = String.valueOf(c.getOriginalMessage());
      if (text.contains("nesting depth")) {
        return "nested deeper than " + StreamReadConstraints.DEFAULT_MAX_DEPTH + " levels";
      }
      if (text.contains("Number value length")) {
        return "a number longer than " + StreamReadConstraints.DEFAULT_MAX_NUM_LEN + " characters";
      }
      return "a value beyond the parser's limits";
    }
    if (e instanceof JsonEOFException) {
      return "unexpected end of input";
    }
    if (e instanceof MismatchedInputException) {
      return "unexpected content after the JSON value";
    }
    return "unexpected character or token";
  }
}
