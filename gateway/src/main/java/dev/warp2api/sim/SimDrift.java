package dev.warp2api.sim;

/**
 * A change to the 2026 stream in the ways Warp has changed its protocol before: something this
 * gateway's schema does not know appears in every AI stream while
 * {@link WarpSimulator#changeProtocol} has it on. Each addition carries no text, so tests can prove
 * that what the gateway reports is the field number, never content.
 */
public enum SimDrift {
  /**
   * An event of a type added upstream: {@code ResponseEvent} field {@value #EVENT_FIELD}, after
   * {@code init}.
   */
  UNKNOWN_EVENT,
  /**
   * A {@code client_actions} event whose action is {@code ClientAction} field
   * {@value #ACTION_FIELD}.
   */
  UNKNOWN_ACTION,
  /**
   * An {@code add_messages_to_task} whose message is of a new kind: {@code Message} field
   * {@value #MESSAGE_FIELD}.
   */
  UNKNOWN_MESSAGE,
  /**
   * {@code finished} carries a new number beside its reason: {@code StreamFinished} field
   * {@value #FINISH_FIELD} = 1.
   */
  NEW_FINISH_FIELD,
  /**
   * {@code finished} ends with a reason added upstream: {@code StreamFinished} field
   * {@value #FINISH_REASON_FIELD}.
   */
  NEW_FINISH_REASON;

  /** Field numbers above every number of the gateway's schema (protocol revision 2026-07). */
  public static final int EVENT_FIELD = 9;

  public static final int ACTION_FIELD = 21;
  public static final int MESSAGE_FIELD = 40;
  public static final int FINISH_FIELD = 20;
  public static final int FINISH_REASON_FIELD = 13;
}
