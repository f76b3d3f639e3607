package dev.warp2api.warp.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import org.junit.jupiter.api.Test;

class StructJsonTest {
  @Test
  void writesIntegralDoublesWithoutAFraction() {
    Struct s = Struct.newBuilder()
        .putFields("days", Value.newBuilder().setNumberValue(5.0).build())
        .putFields("ratio", Value.newBuilder().setNumberValue(0.25).build())
        .putFields("neg", Value.newBuilder().setNumberValue(-3.0).build())
        .putFields("nan", Value.newBuilder().setNumberValue(Double.NaN).build())
        .build();
    assertThat(StructJson.toJson(s))
        .isEqualTo("{\"days\":5,\"ratio\":0.25,\"neg\":-3,\"nan\":null}");
  }

  @Test
  void roundTripsNestedJsonKeepingOrderAndNulls() {
    String json = "{\"z\":1,\"a\":[true,null,\"x\",{\"k\":[]}],\"m\":{}}";
    assertThat(StructJson.toJson(StructJson.parseObject(json))).isEqualTo(json);
  }

  @Test
  void refusesNonObjects() {
    assertThatThrownBy(() -> StructJson.parseObject("[1]"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StructJson.parseObject("{"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
