package dev.warp2api.api.bridge;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.warp.protocol.MessageTypes;
import dev.warp2api.warp.protocol.SchemaEntry;
import java.util.List;

/**
 * {@code GET /api/schemas}: {@code {"schemas": [{"name", "full_name", "field_count", "fields":
 * [{"name", "type", "label", "number", "type_name", "label_name", "oneof"?, "deprecated"?}]}],
 * "total_count", "message"}}: {@code type} and {@code label} are the descriptor numbers, as the
 * original bridge gave them. Unlike the original (first 10 fields) it lists every field and adds
 * readable {@code type_name} / {@code label_name}; {@code oneof} and {@code deprecated: true}
 * appear only where they apply. Built once; the returned tree is a copy.
 */
final class SchemaListing {
  private static final ObjectNode LISTING = build(MessageTypes.schemas());

  private SchemaListing() {}

  static ObjectNode json() {
    return LISTING.deepCopy();
  }

  private static ObjectNode build(List<SchemaEntry> schemas) {
    ObjectNode out = BridgeBody.JSON.createObjectNode();
    ArrayNode list = out.putArray("schemas");
    int fields = 0;
    for (SchemaEntry schema : schemas) {
      ObjectNode entry = list.addObject()
          .put("name", schema.name())
          .put("full_name", schema.fullName())
          .put("field_count", schema.fieldCount());
      ArrayNode fieldList = entry.putArray("fields");
      for (SchemaEntry.Field field : schema.fields()) {
        ObjectNode f = fieldList
            .addObject()
            .put("name", field.name())
            .put("type", field.typeNumber())
            .put("label", field.labelNumber())
            .put("number", field.number())
            .put("type_name", field.type())
            .put("label_name", field.label());
        if (field.oneof() != null) {
          f.put("oneof", field.oneof());
        }
        if (field.deprecated()) {
          f.put("deprecated", true);
        }
      }
      fields += schema.fieldCount();
    }
    out.put("total_count", schemas.size());
    out.put(
        "message",
        schemas.size() + " message types of " + MessageTypes.PACKAGE + " with all " + fields
            + " fields");
    return out;
  }
}
