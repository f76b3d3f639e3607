package dev.warp2api.warp.protocol;

import java.util.List;

/**
 * One message of our Warp schema as {@code GET /api/schemas} lists it.
 *
 * @param name the simple name, e.g. {@code TaskContext}
 * @param fullName the full name, e.g. {@code warp.multi_agent.v1.Request.TaskContext}
 * @param fieldCount the number of fields, equal to {@code fields.size()}
 * @param fields every field, in declaration order
 */
public record SchemaEntry(String name, String fullName, int fieldCount, List<Field> fields) {
  public SchemaEntry {
    fields = List.copyOf(fields);
  }

  /**
   * One field of a message.
   *
   * @param name the proto field name (snake_case)
   * @param type a scalar keyword ({@code string}, {@code uint32}, ...), the full name of a message
   *     or enum type, or {@code map<K, V>} for a map field
   * @param label {@code singular}, {@code repeated} or {@code map}
   * @param number the field number
   * @param oneof the name of the oneof the field belongs to, or null
   * @param deprecated whether the field is kept only so that older traffic still decodes
   * @param typeNumber the descriptor's type number ({@code FieldDescriptorProto.Type}: 9 string, 11
   *     message, 14 enum, ...), which the original bridge listed as {@code type}
   * @param labelNumber the descriptor's label number (1 optional, 2 required, 3 repeated; a map is
   *     repeated)
   */
  public record Field(
      String name,
      String type,
      String label,
      int number,
      String oneof,
      boolean deprecated,
      int typeNumber,
      int labelNumber) {}
}
