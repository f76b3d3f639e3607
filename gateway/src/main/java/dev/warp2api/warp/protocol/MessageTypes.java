package dev.warp2api.warp.protocol;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import dev.warp2api.core.GatewayException;
import dev.warp2api.warp.protocol.pb.AttachmentProto;
import dev.warp2api.warp.protocol.pb.CitationsProto;
import dev.warp2api.warp.protocol.pb.ConversationDataProto;
import dev.warp2api.warp.protocol.pb.DebugProto;
import dev.warp2api.warp.protocol.pb.DocumentContentProto;
import dev.warp2api.warp.protocol.pb.FileContentProto;
import dev.warp2api.warp.protocol.pb.InputContextProto;
import dev.warp2api.warp.protocol.pb.LspProto;
import dev.warp2api.warp.protocol.pb.OrchestrationProto;
import dev.warp2api.warp.protocol.pb.RequestProto;
import dev.warp2api.warp.protocol.pb.ResponseProto;
import dev.warp2api.warp.protocol.pb.SkillProto;
import dev.warp2api.warp.protocol.pb.SuggestionsProto;
import dev.warp2api.warp.protocol.pb.TaskProto;
import dev.warp2api.warp.protocol.pb.TodoProto;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every message type of our {@code warp.multi_agent.v1} schema, looked up by full name.
 *
 * <p>Immutable and built once; safe to use from any thread.
 */
public final class MessageTypes {
  /** The package of Warp's multi-agent protocol. */
  public static final String PACKAGE = "warp.multi_agent.v1";

  private static final Map<String, Descriptor> BY_NAME = index();
  private static final List<SchemaEntry> SCHEMAS =
      BY_NAME.values().stream().map(MessageTypes::entry).toList();

  private MessageTypes() {}

  /**
   * The descriptor of a message of our schema, nested ones included.
   *
   * @param fullName e.g. {@code warp.multi_agent.v1.Request} or
   *     {@code warp.multi_agent.v1.ResponseEvent.StreamFinished}
   * @throws GatewayException {@code INVALID_REQUEST} with param {@code message_type} when no such
   *     message exists
   */
  public static Descriptor descriptor(String fullName) {
    Descriptor found = fullName == null ? null : BY_NAME.get(fullName);
    if (found == null) {
      throw GatewayException.invalid(
          "unknown message_type '" + fullName + "'; expected a message of " + PACKAGE + ", e.g. "
              + PACKAGE + ".Request or " + PACKAGE + ".ResponseEvent",
          "message_type");
    }
    return found;
  }

  /** Every message of the schema with all its fields, sorted by full name. */
  public static List<SchemaEntry> schemas() {
    return SCHEMAS;
  }

  private static Map<String, Descriptor> index() {
    FileDescriptor[] files = {
      RequestProto.getDescriptor(), ResponseProto.getDescriptor(), TaskProto.getDescriptor(),
      AttachmentProto.getDescriptor(), CitationsProto.getDescriptor(),
          ConversationDataProto.getDescriptor(),
      DebugProto.getDescriptor(), DocumentContentProto.getDescriptor(),
          FileContentProto.getDescriptor(),
      InputContextProto.getDescriptor(), LspProto.getDescriptor(),
          OrchestrationProto.getDescriptor(),
      SkillProto.getDescriptor(), SuggestionsProto.getDescriptor(), TodoProto.getDescriptor()
    };
    var byName = new TreeMap<String, Descriptor>();
    for (FileDescriptor file : files) {
      file.getMessageTypes().forEach(type -> add(type, byName));
    }
    return Collections.unmodifiableMap(byName);
  }

  private static void add(Descriptor type, Map<String, Descriptor> byName) {
    if (type.getOptions().getMapEntry()) {
      return;
    }
    byName.put(type.getFullName(), type);
    type.getNestedTypes().forEach(nested -> add(nested, byName));
  }

  private static SchemaEntry entry(Descriptor type) {
    var fields = new ArrayList<SchemaEntry.Field>();
    for (FieldDescriptor field : type.getFields()) {
      OneofDescriptor oneof = field.getRealContainingOneof();
      fields.add(new SchemaEntry.Field(
          field.getName(),
          typeName(field),
          label(field),
          field.getNumber(),
          oneof == null ? null : oneof.getName(),
          field.getOptions().getDeprecated(),
          field.getType().toProto().getNumber(),
          field.toProto().getLabel().getNumber()));
    }
    return new SchemaEntry(type.getName(), type.getFullName(), fields.size(), fields);
  }

  static String typeName(FieldDescriptor field) {
    if (field.isMapField()) {
      Descriptor entry = field.getMessageType();
      return "map<" + typeName(entry.findFieldByNumber(1)) + ", "
          + typeName(entry.findFieldByNumber(2)) + ">";
    }
    return switch (field.getType()) {
      case MESSAGE, GROUP -> field.getMessageType().getFullName();
      case ENUM -> field.getEnumType().getFullName();
      case DOUBLE,
          FLOAT,
          INT64,
          UINT64,
          INT32,
          FIXED64,
          FIXED32,
          BOOL,
          STRING,
          BYTES,
          UINT32,
          SFIXED32,
          SFIXED64,
          SINT32,
          SINT64 -> field.getType().name().toLowerCase(Locale.ROOT);
    };
  }

  private static String label(FieldDescriptor field) {
    if (field.isMapField()) {
      return "map";
    }
    return field.isRepeated() ? "repeated" : "singular";
  }
}
