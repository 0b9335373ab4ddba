-- Our transcription of ept/hermitage, postgres.md: repeatable read
-- prevents Lost Update (P4).
-- anomaly: P4
-- level: rr
-- prevented: yes
begin; set transaction isolation level repeatable read; -- T1
begin; set transaction isolation level repeatable read; -- T2
select * from test where id = 1; -- T1
select * from test where id = 1; -- T2
update test set value = 11 where id = 1; -- T1
update test set value = 11 where id = 1; -- T2 [blocks] [error: could not serialize access due to concurrent update]
commit; -- T1 [anomaly if committed]
abort; -- T2 [anomaly if committed]
