package io.msenas.api.store;

import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Transient;
import org.springframework.data.domain.Persistable;

/**
 * Base of the entities whose ids the application assigns. Spring Data cannot tell a new row from a
 * detached one by such an id: this flag does, so that {@code save} inserts (persist) instead of
 * selecting first and returning a copy (merge).
 */
@MappedSuperclass
abstract class AssignedIdEntity<K> implements Persistable<K> {

  @Transient private boolean isNew = true;

  @PostLoad
  @PostPersist
  void markNotNew() {
    this.isNew = false;
  }

  @Override
  public boolean isNew() {
    return isNew;
  }
}
