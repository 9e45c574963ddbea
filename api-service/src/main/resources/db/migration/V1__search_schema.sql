-- Searches, their individuals and lineage, the dispatch outbox and the fitness cache.
-- Every job-owned table carries the tenant, so that tenancy is enforced in one place from the start.

create table tenant (
    id          text primary key,
    name        text not null,
    created_at  timestamptz not null default now()
);

insert into tenant (id, name) values ('default', 'Default tenant');

create table search_job (
    id                  uuid primary key,
    tenant_id           text not null references tenant (id),
    idempotency_key     text,
    request_hash        text not null,
    spec                jsonb not null,
    status              text not null,
    seed                bigint not null,
    generation          integer not null default 0,
    generations         integer not null,
    evaluations_done    integer not null default 0,
    evaluations_total   integer not null,
    evaluations_failed  integer not null default 0,
    best_individual_id  uuid,
    best_fitness        double precision,
    winner_individual_id uuid,
    error               text,
    version             bigint not null default 0,
    created_at          timestamptz not null,
    started_at          timestamptz,
    finished_at         timestamptz,
    updated_at          timestamptz not null,
    constraint search_job_idempotency unique (tenant_id, idempotency_key)
);

create index search_job_tenant_status on search_job (tenant_id, status, created_at desc);

create table individual (
    id                    uuid primary key,
    job_id                uuid not null references search_job (id) on delete cascade,
    tenant_id             text not null,
    label                 text not null,
    generation            integer not null,
    search_space_version  text not null,
    genes                 integer[] not null,
    canonical_hash        text not null,
    status                text not null,
    fitness               double precision,
    width_normalised      double precision,
    cost                  double precision,
    parameter_count       bigint,
    result                jsonb,
    error                 text,
    created_at            timestamptz not null,
    evaluated_at          timestamptz,
    constraint individual_label unique (job_id, label)
);

create index individual_job_generation on individual (job_id, generation);
create index individual_job_fitness on individual (job_id, fitness desc nulls last);
create index individual_job_pending on individual (job_id) where status = 'PENDING';

create table lineage (
    child_id   uuid not null references individual (id) on delete cascade,
    parent_id  uuid not null references individual (id) on delete cascade,
    operator   text not null,
    details    jsonb not null,
    primary key (child_id, parent_id, operator)
);

create index lineage_parent on lineage (parent_id);

create table generation (
    job_id        uuid not null references search_job (id) on delete cascade,
    number        integer not null,
    survivor_ids  uuid[] not null,
    best          double precision,
    mean          double precision,
    median        double precision,
    diversity     double precision,
    evaluated     integer not null,
    failed        integer not null,
    completed_at  timestamptz not null,
    primary key (job_id, number)
);

-- The transactional outbox and the lease of each dispatched evaluation.
create table evaluation_task (
    id              uuid primary key,
    job_id          uuid not null references search_job (id) on delete cascade,
    individual_id   uuid not null references individual (id) on delete cascade,
    attempt         integer not null,
    state           text not null,
    payload         jsonb not null,
    lease_deadline  timestamptz,
    created_at      timestamptz not null,
    sent_at         timestamptz,
    completed_at    timestamptz,
    error           text,
    constraint evaluation_task_attempt unique (individual_id, attempt)
);

create index evaluation_task_pending on evaluation_task (created_at) where state = 'PENDING';
create index evaluation_task_leased on evaluation_task (lease_deadline) where state = 'SENT';
create index evaluation_task_job on evaluation_task (job_id);

-- Scores shared across jobs: the same canonical genome under the same fitness configuration.
create table fitness_cache (
    canonical_hash    text not null,
    config_hash       text not null,
    fitness           double precision not null,
    width_normalised  double precision,
    parameter_count   bigint not null,
    result            jsonb not null,
    created_at        timestamptz not null,
    primary key (canonical_hash, config_hash)
);
