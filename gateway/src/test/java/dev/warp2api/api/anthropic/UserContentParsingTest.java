package dev.warp2api.api.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.core.ChatMessage;
import dev.warp2api.core.ContentPart;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserContentParsingTest {

  @Test
  void readsStringContentAsOneUserText() {
    List<ChatMessage> m =
        Requests.PARSER.parse(Requests.withMessages("""
        [{"role":"user","content":"hello"}]""")).chat().messages();
    assertThat(m).containsExactly(ChatMessage.User.text("hello"));
  }

  @Test
  void keepsTextAndBase64ImagesInOrder() {
    List<ChatMessage> m =
        Requests.PARSER.parse(Requests.withMessages("""
        [{"role":"user","content":[{"type":"text","text":"look","cache_control":{"type":"ephemeral"}},
          {"type":"image","source":{"type":"base64","media_type":"image/png","data":"AQID"}},
          {"type":"text","text":"what is it?"}]}]""")).chat().messages();
    ChatMessage.User user = (ChatMessage.User) m.get(0);
    assertThat(user.parts()).hasSize(3);
    assertThat(user.parts().get(0)).isEqualTo(new ContentPart.Text("look"));
    ContentPart.Image image = (ContentPart.Image) user.parts().get(1);
    assertThat(image.mediaType()).isEqualTo("image/png");
    assertThat(image.data()).containsExactly(1, 2, 3);
    assertThat(user.text()).isEqualTo("look\nwhat is it?");
  }

  @Test
  void putsToolResultsBeforeTheTextOfTheSameMessage() {
    List<ChatMessage> m =
        Requests.PARSER.parse(Requests.withMessages("""
        [{"role":"user","content":"run it"},
         {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"Bash","input":{"cmd":"ls"}}]},
         {"role":"user","content":[{"type":"text","text":"and then?"},
           {"type":"tool_result","tool_use_id":"toolu_1","content":"a.txt","is_error":false}]}]""")).chat().messages();
    assertThat(m).hasSize(4);
    assertThat(m.get(2)).isEqualTo(new ChatMessage.ToolResult("toolu_1", "a.txt", false));
    assertThat(m.get(3)).isEqualTo(ChatMessage.User.text("and then?"));
  }

  @Test
  void joinsToolResultTextBlocksAndMarksErrors() {
    List<ChatMessage> m =
        Requests.PARSER.parse(Requests.withMessages("""
        [{"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","is_error":true,
           "content":[{"type":"text","text":"line 1"},{"type":"text","text":"line 2"}]},
          {"type":"tool_result","tool_use_id":"t2"}]}]""")).chat().messages();
    assertThat(m)
        .containsExactly(
            new ChatMessage.ToolResult("t1", "line 1\nline 2", true),
            new ChatMessage.ToolResult("t2", "", false));
  }

  @Test
  void replacesAnImageInsideAToolResultWithANote() {
    List<ChatMessage> m =
        Requests.PARSER.parse(Requests.withMessages("""
        [{"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":[
          {"type":"text","text":"screenshot:"},
          {"type":"image","source":{"type":"base64","media_type":"image/png","data":"AQID"}}]}]}]""")).chat().messages();
    assertThat(((ChatMessage.ToolResult) m.get(0)).content())
        .isEqualTo("screenshot:\n" + ContentBlocks.IMAGE_IN_TOOL_RESULT);
  }

  @Test
  void turnsTextCarryingDocumentAndSearchResultBlocksIntoText() {
    List<ChatMessage> m =
        Requests.PARSER.parse(Requests.withMessages("""
        [{"role":"user","content":[
          {"type":"document","source":{"type":"text","media_type":"text/plain","data":"doc body"}},
          {"type":"search_result","source":"https://x","title":"T","content":[{"type":"text","text":"hit"}]},
          {"type":"future_block","text":"carried"}]}]""")).chat().messages();
    assertThat(((ChatMessage.User) m.get(0)).text()).isEqualTo("doc body\nT\nhit\ncarried");
  }

  @Test
  void turnsADocumentWithAContentSourceIntoTheTextOfItsTextBlocks() {
    List<ChatMessage> m =
        Requests.PARSER.parse(Requests.withMessages("""
        [{"role":"user","content":[
          {"type":"document","source":{"type":"content","content":[
            {"type":"text","text":"first part"},
            {"type":"image","source":{"type":"base64","media_type":"image/png","data":"AQID"}},
            {"type":"text","text":"second part"}]}},
          {"type":"document","source":{"type":"content","content":"plain string"}},
          {"type":"text","text":"Summarise."}]}]""")).chat().messages();
    assertThat(((ChatMessage.User) m.get(0)).text())
        .isEqualTo("first part\nsecond part\nplain string\nSummarise.");
  }
}
