package io.msenas.api.contract;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Deletes the exchanges and queues of this test run ({@link ContractTestSupport#BROKER_NAMES}) when
 * the shared test context closes, so that runs leave nothing behind on the broker.
 */
@TestConfiguration(proxyBeanMethods = false)
class BrokerCleanup {

  private static final Logger log = LoggerFactory.getLogger(BrokerCleanup.class);

  @Bean
  DisposableBean contractBrokerCleanup(AmqpAdmin admin) {
    return () -> {
      Map<String, String> all = new java.util.HashMap<>(ContractTestSupport.BROKER_NAMES);
      ContractTestSupport.TRAINING_NAMES.forEach((key, name) -> all.put("training-" + key, name));
      for (Map.Entry<String, String> e : all.entrySet()) {
        try {
          if (e.getKey().endsWith("exchange")) {
            admin.deleteExchange(e.getValue());
          } else {
            admin.deleteQueue(e.getValue());
          }
        } catch (RuntimeException failure) {
          log.warn("could not delete {}: {}", e.getValue(), failure.toString());
        }
      }
    };
  }
}
