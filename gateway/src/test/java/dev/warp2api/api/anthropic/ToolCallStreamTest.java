package dev.warp2api.api.anthropic;

import static dev.warp2api.api.anthropic.Events.call;
import static dev.warp2api.api.anthropic.Events.done;
import static dev.warp2api.api.anthropic.Events.reasoning;
import static dev.warp2api.api.anthropic.Events.render;
import static dev.warp2api.api.anthropic.Events.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.core.Usage;
import org.junit.jupiter.api.Test;

class ToolCallStreamTest {

  @Test
  void streamsTextThenTwoToolCallsAsSeparateBlocksWithIndexesZeroOneTwo() {
    String out = render(
        10,
        text("Checking."),
        call("toolu_01A", "Read", "{\"path\":\"/a\"}"),
        call("call_7", "Bash", "{ \"cmd\" : \"ls\" }"),
        done(Usage.UNKNOWN));
    assertThat(out.substring(out.indexOf("event: content_block_start"))).isEqualTo("""
        event: content_block_start
        data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Checking."}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":0}

        event: content_block_start
        data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_01A","name":"Read","input":{}}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\\"path\\":\\"/a\\"}"}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":1}

        event: content_block_start
        data: {"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"toolu_call_7","name":"Bash","input":{}}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{\\"cmd\\":\\"ls\\"}"}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":2}

        event: message_delta
        data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},\
        "usage":{"input_tokens":10,"output_tokens":11,"cache_creation_input_tokens":0,"cache_read_input_tokens":0}}

        event: message_stop
        data: {"type":"message_stop"}

        """);
  }

  @Test
  void streamsThinkingAsItsOwnBlockClosedWithASignatureDelta() {
    String out =
        render(10, reasoning("Let me "), reasoning("think."), text("Answer."), done(Usage.UNKNOWN));
    assertThat(out.substring(
            out.indexOf("event: content_block_start"), out.indexOf("event: message_delta")))
        .isEqualTo("""
        event: content_block_start
        data: {"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Let me "}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"think."}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":""}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":0}

        event: content_block_start
        data: {"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"Answer."}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":1}

        """);
    assertThat(out).contains("\"stop_reason\":\"end_turn\"");
  }

  @Test
  void endsWithAnErrorEventWhenToolArgumentsAreNotAnObject() {
    String out = render(10, text("x"), call("toolu_1", "Read", "[1,2]"), text("after"));
    assertThat(out).endsWith("""
        event: content_block_stop
        data: {"type":"content_block_stop","index":0}

        event: error
        data: {"type":"error","error":{"type":"api_error","message":"Warp failed: Warp sent arguments for tool 'Read' that are not a JSON object"}}

        """);
  }
}
