package io.msenas.api.store;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/** Row of {@code lineage}: a child -> parent edge with the operator that made the child. */
@Entity
@Table(name = "lineage")
public class LineageEntity extends AssignedIdEntity<LineageEntity.Key> {

  @Override
  public LineageEntity.Key getId() {
    return key;
  }

  /** Primary key: child, parent, operator. */
  @Embeddable
  public record Key(
      @Column(name = "child_id") UUID childId,
      @Column(name = "parent_id") UUID parentId,
      @Column(name = "operator") String operator)
      implements Serializable {}

  @EmbeddedId private Key key;

  @Column(nullable = false, columnDefinition = "jsonb")
  @ColumnTransformer(write = "?::jsonb")
  private String details;

  protected LineageEntity() {}

  public LineageEntity(UUID childId, UUID parentId, String operator, String details) {
    this.key = new Key(childId, parentId, operator);
    this.details = details;
  }

  public UUID getChildId() {
    return key.childId();
  }

  public UUID getParentId() {
    return key.parentId();
  }

  public String getOperator() {
    return key.operator();
  }

  public String getDetails() {
    return details;
  }
}
