-- Our transcription of ept/hermitage, postgres.md: repeatable read
-- prevents Predicate-Many-Preceders (PMP).
-- anomaly: PMP
-- level: rr
-- prevented: yes
-- read-only
begin; set transaction isolation level repeatable read; -- T1
begin; set transaction isolation level repeatable read; -- T2
select * from test where value = 30; -- T1 [-> (no rows)]
insert into test (id, value) values(3, 30); -- T2
commit; -- T2
select * from test where value % 3 = 0; -- T1 [-> (no rows)] [anomaly unless (no rows)]
commit; -- T1
