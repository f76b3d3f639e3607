package dev.warp2api.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * What {@code doctor} found: its steps in order and whether a chat can work (the exit code: 0 when
 * it can, 1 otherwise). Printed as one line per step, or as JSON with {@code --json}.
 */
record DoctorReport(List<DoctorStep> steps, boolean chatCanWork) {
  DoctorReport {
    steps = List.copyOf(steps);
  }

  int exitCode() {
    return chatCanWork ? 0 : Main.FAILURE;
  }

  void printText(PrintWriter out) {
    steps.forEach(s -> out.println(s.line()));
    long failed = steps.stream().filter(DoctorStep::failed).count();
    long warned =
        steps.stream().filter(s -> s.outcome() == DoctorStep.Outcome.WARN).count();
    out.println((chatCanWork ? "a chat can work" : "a chat cannot work") + " (" + failed
        + " failed, " + warned + " warning(s))");
  }

  /** {@code {"chat_can_work":true,"steps":[{"step","outcome","detail","todo"}]}}. */
  ObjectNode json() {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("chat_can_work", chatCanWork);
    ArrayNode list = root.putArray("steps");
    for (DoctorStep s : steps) {
      ObjectNode o = list.addObject();
      o.put("step", s.step());
      o.put("outcome", s.outcome().name().toLowerCase(Locale.ROOT));
      o.put("detail", s.detail());
      if (!s.todo().isEmpty()) {
        o.put("todo", s.todo());
      }
    }
    return root;
  }
}
