package dev.warp2api.api.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.warp.protocol.pb.ClientAction;
import dev.warp2api.warp.protocol.pb.ResponseEvent;
import dev.warp2api.warp.protocol.pb.Task;
import org.junit.jupiter.api.Test;

/**
 * The event_type strings of §4.4, with other actions named instead of the original's
 * UNKNOWN_ACTION.
 */
class EventTypeTest {

  @Test
  void classifiesTheGoldenEvents() {
    String[] sendStream = {
      "INITIALIZATION",
      "CLIENT_ACTIONS(ADD_MESSAGE)",
      "CLIENT_ACTIONS(APPEND_CONTENT)",
      "CLIENT_ACTIONS(ADD_MESSAGE)",
      "FINISHED"
    };
    String[] sse = {
      "INITIALIZATION", "CLIENT_ACTIONS(1)", "CLIENT_ACTIONS(1)", "CLIENT_ACTIONS(1)", "FINISHED"
    };
    for (int i = 0; i < 5; i++) {
      ResponseEvent event = BridgeFixtures.event(BridgeFixtures.EVENTS[i]);
      assertThat(EventType.forSendStream(event)).isEqualTo(sendStream[i]);
      assertThat(EventType.forSse(event)).isEqualTo(sse[i]);
    }
  }

  @Test
  void listsSeveralActionsInOrderAndNamesTheOnesTheOriginalCalledUnknown() {
    var event = ResponseEvent.newBuilder()
        .setClientActions(ResponseEvent.ClientActions.newBuilder()
            .addActions(ClientAction.newBuilder()
                .setCreateTask(ClientAction.CreateTask.newBuilder()
                    .setTask(Task.newBuilder().setId("t-1"))))
            .addActions(ClientAction.newBuilder()
                .setBeginTransaction(ClientAction.BeginTransaction.getDefaultInstance()))
            .addActions(ClientAction.newBuilder()
                .setUpdateTaskMessage(
                    ClientAction.UpdateTaskMessage.newBuilder().setTaskId("t-1")))
            .addActions(ClientAction.getDefaultInstance()))
        .build();
    assertThat(EventType.forSendStream(event))
        .isEqualTo(
            "CLIENT_ACTIONS(CREATE_TASK, BEGIN_TRANSACTION, UPDATE_TASK_MESSAGE, UNKNOWN_ACTION)");
    assertThat(EventType.forSse(event)).isEqualTo("CLIENT_ACTIONS(4)");
  }

  @Test
  void namesEmptyActionListsAndEventsWithoutAType() {
    var empty = ResponseEvent.newBuilder()
        .setClientActions(ResponseEvent.ClientActions.getDefaultInstance())
        .build();
    assertThat(EventType.forSendStream(empty)).isEqualTo("CLIENT_ACTIONS_EMPTY");
    assertThat(EventType.forSse(empty)).isEqualTo("CLIENT_ACTIONS_EMPTY");
    assertThat(EventType.forSendStream(ResponseEvent.getDefaultInstance()))
        .isEqualTo("UNKNOWN_EVENT");
    assertThat(EventType.forSse(ResponseEvent.getDefaultInstance())).isEqualTo("UNKNOWN_EVENT");
  }

  @Test
  void eventJsonCarriesNumberTypeAndParsedData() {
    var json = EventType.json(5, "FINISHED", BridgeFixtures.event(BridgeFixtures.E5));
    assertThat(json.toString())
        .isEqualTo(
            "{\"event_number\":5,\"event_type\":\"FINISHED\",\"parsed_data\":"
                + "{\"finished\":{\"done\":{},\"token_usage\":[{\"model_id\":\"claude-4-sonnet\",\"total_input\":1200,\"output\":35}]}}}");
  }
}
