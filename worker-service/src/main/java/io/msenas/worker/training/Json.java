package io.msenas.worker.training;

import tools.jackson.databind.json.JsonMapper;

/** The JSON headers of checkpoints and model files. */
final class Json {

  static final JsonMapper MAPPER = JsonMapper.builder().build();

  private Json() {}
}
