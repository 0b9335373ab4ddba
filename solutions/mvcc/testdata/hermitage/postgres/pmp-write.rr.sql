-- Our transcription of ept/hermitage, postgres.md: repeatable read
-- prevents PMP for write predicates.
-- anomaly: PMP
-- level: rr
-- prevented: yes
begin; set transaction isolation level repeatable read; -- T1
begin; set transaction isolation level repeatable read; -- T2
update test set value = value + 10; -- T1
delete from test where value = 20; -- T2 [blocks] [error: could not serialize access due to concurrent update]
commit; -- T1
abort; -- T2
