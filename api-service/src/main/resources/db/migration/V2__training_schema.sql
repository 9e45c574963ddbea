-- Training jobs: one architecture trained with surrogate gradients on one data set, dispatched to a
-- worker like an evaluation, with per-epoch figures, the last checkpoint (a re-dispatched training
-- resumes from it) and the trained model.

create table training_job (
    id                        uuid primary key,
    tenant_id                 text not null references tenant (id),
    idempotency_key           text,
    request_hash              text not null,
    spec                      jsonb not null,
    search_space              jsonb not null,
    search_space_version      text not null,
    genes                     integer[] not null,
    canonical_hash            text not null,
    source_search_id          uuid,
    source_individual_id      uuid,
    status                    text not null,
    attempt                   integer not null default 1,
    dispatch_state            text not null,
    lease_deadline            timestamptz,
    epochs                    integer not null,
    epochs_done               integer not null default 0,
    best_validation_accuracy  double precision,
    best_epoch                integer,
    test_accuracy             double precision,
    parameter_count           bigint,
    samples_per_second        double precision,
    elapsed_seconds           double precision,
    eta_seconds               double precision,
    checkpoint                bytea,
    checkpoint_epoch          integer,
    provenance                jsonb,
    error                     text,
    created_at                timestamptz not null,
    started_at                timestamptz,
    finished_at               timestamptz,
    updated_at                timestamptz not null,
    constraint training_job_idempotency unique (tenant_id, idempotency_key)
);

create index training_job_dispatch on training_job (dispatch_state, created_at);

create table training_epoch (
    training_id          uuid not null references training_job (id) on delete cascade,
    epoch                integer not null,
    attempt              integer not null,
    loss                 double precision not null,
    train_accuracy       double precision not null,
    validation_accuracy  double precision not null,
    spike_rate           double precision not null,
    learning_rate        double precision not null,
    elapsed_seconds      double precision not null,
    recorded_at          timestamptz not null,
    primary key (training_id, epoch)
);

create table model_artifact (
    training_id  uuid primary key references training_job (id) on delete cascade,
    content      bytea not null,
    sha256       text not null,
    created_at   timestamptz not null
);
