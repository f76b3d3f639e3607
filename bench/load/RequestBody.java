import dev.warp2api.config.Settings;
import dev.warp2api.config.SettingsLoader;
import dev.warp2api.core.ChatMessage;
import dev.warp2api.core.ChatRequest;
import dev.warp2api.core.ToolChoice;
import dev.warp2api.server.Gateway;
import dev.warp2api.warp.client.WarpEndpoints;
import dev.warp2api.warp.protocol.RequestBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes what the gateway would send Warp for a one-message chat, so that {@code bench/load.sh}'s "direct" leg
 * carries the same request as the gateway's upstream leg: the protobuf body of the {@code Request}, built by the
 * gateway's own {@link RequestBuilder} with the options the gateway derives from its settings (the system prompt
 * prefix among them), and the identity headers ({@code x-warp-*}, {@code accept}), one {@code name: value} line
 * each. The settings are read as {@code ./warp2api serve} reads them: from the environment and the working
 * directory's {@code .env}; run it with the gateway's environment and working directory. As a single-file program
 * with the gateway jar on the class path:
 *
 * <pre>java -cp gateway/target/warp2api.jar bench/load/RequestBody.java OUT.pb OUT.headers MODEL "QUERY"</pre>
 */
public final class RequestBody {
  private RequestBody() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println("usage: RequestBody OUT.pb OUT.headers MODEL QUERY");
      System.exit(2);
    }
    Settings settings = SettingsLoader.load(System.getenv(), Path.of("")).settings();
    ChatRequest chat = new ChatRequest(args[2], null, List.of(ChatMessage.User.text(args[3])), List.of(),
        ToolChoice.AUTO, null, false);
    Files.write(Path.of(args[0]), RequestBuilder.build(chat, Gateway.requestOptions(settings)).toByteArray());
    String headers = "accept: text/event-stream\n" + WarpEndpoints.from(settings.upstream()).identityHeaders()
        .entrySet().stream().map(e -> e.getKey() + ": " + e.getValue() + "\n").collect(Collectors.joining());
    Files.writeString(Path.of(args[1]), headers);
  }
}
