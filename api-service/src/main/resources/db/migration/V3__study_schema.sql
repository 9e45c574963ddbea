-- Correlation studies: N seeded random architectures, each scored untrained with every
-- training-free fitness and then trained for E epochs, to measure how well each score predicts
-- validation accuracy. Each architecture is an ordinary training job that belongs to the study;
-- its worker reports the untrained scores with the outcome.

create table study_job (
    id               uuid primary key,
    tenant_id        text not null references tenant (id),
    idempotency_key  text,
    request_hash     text not null,
    spec             jsonb not null,
    cancelled_at     timestamptz,
    created_at       timestamptz not null,
    constraint study_job_idempotency unique (tenant_id, idempotency_key)
);

alter table training_job
    add column study_id          uuid references study_job (id),
    add column study_index       integer,
    add column score_with        jsonb,
    add column untrained_scores  jsonb;

create index training_job_study on training_job (study_id, study_index);
