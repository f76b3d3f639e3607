package dev.warp2api.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
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
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reading a request body as a JSON tree, for every route that takes one (both chat dialects,
 * count_tokens, the admin routes, the bridge). Strings and names are bounded only by the body limit
 * ({@code W2A_MAX_BODY_BYTES}, already enforced when the body was read), so a valid body under it
 * parses; nesting deeper than {@value #MAX_DEPTH} levels (named by where it happens) and numbers
 * longer than Jackson's 1000 characters are refused. The depth bound keeps every later walk of the
 * tree (translation, copies, serialisation) far from the event loop's stack limit; the values that
 * travel to Warp as a protobuf {@code Struct} have a tighter bound of their own (30 levels, checked
 * by the dialects naming the field). Anything after the one JSON value is refused. Errors say where
 * and, generically, why; they never quote the body (which may hold a token), nor the parser's own
 * message. Thread-safe.
 */
public final class RequestJson {
  /**
   * The deepest nesting of a request body: far above any real request, far below a stack overflow.
   */
  public static final int MAX_DEPTH = 128;

  private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder()
              .maxStringLength(Integer.MAX_VALUE)
              .maxNameLength(Integer.MAX_VALUE)
              .maxNestingDepth(MAX_DEPTH)
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
    if (e instanceof StreamConstraintsException c
        && String.valueOf(c.getOriginalMessage()).contains("nesting depth")) {
      String field = fieldOf(parser.getParsingContext());
      return GatewayException.invalid(
          "`" + field + "` is nested deeper than " + MAX_DEPTH + " levels" + where
              + "; requests may nest at most " + MAX_DEPTH + " levels.",
          field);
    }
    return GatewayException.invalid("malformed JSON" + where + ": " + reason(e), null);
  }

  /**
   * Where a too-deep value starts, as a field path
   * ({@code tools[0].function.parameters.properties...}): the first {@value #NAMED_LEVELS} names
   * and indexes, which is where a request's own fields end and the deep value begins. Names are the
   * client's own keys, so they are cut short too.
   */
  static String fieldOf(JsonStreamContext context) {
    Deque<String> segments = new ArrayDeque<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        segments.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
      } else {
        String name = c.getCurrentName() == null ? "?" : c.getCurrentName();
        segments.push("." + (name.length() > 40 ? name.substring(0, 40) + "…" : name));
      }
    }
    StringBuilder field = new StringBuilder();
    int n = 0;
    for (String s : segments) {
      if (n++ == NAMED_LEVELS) {
        field.append("...");
        break;
      }
      field.append(s);
    }
    return field.length() == 0
        ? "(body)"
        : field.charAt(0) == '.' ? field.substring(1) : field.toString();
  }

  private static final int NAMED_LEVELS = 6;

  /** A short generic reason; never the parser's message, which may quote the body. */
  private static String reason(IOException e) {
    if (e instanceof StreamConstraintsException c) {
      String text = String.valueOf(c.getOriginalMessage());
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
