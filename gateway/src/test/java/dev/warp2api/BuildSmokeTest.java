package dev.warp2api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BuildSmokeTest {
  @Test
  void generatedProtobufClassesRoundTrip() throws Exception {
    var p = dev.warp2api.placeholder.PlaceholderOuterClass.Placeholder.newBuilder().setName("x").build();
    assertThat(dev.warp2api.placeholder.PlaceholderOuterClass.Placeholder.parseFrom(p.toByteArray()).getName()).isEqualTo("x");
  }
}
