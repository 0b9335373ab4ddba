-- Our transcription of ept/hermitage, mysql.md: repeatable read does not
-- prevent Lost Update (P4).
-- anomaly: P4
-- level: rr
-- prevented: no
set session transaction isolation level repeatable read; begin; -- T1
set session transaction isolation level repeatable read; begin; -- T2
select * from test where id = 1; -- T1
select * from test where id = 1; -- T2
update test set value = 11 where id = 1; -- T1
update test set value = 11 where id = 1; -- T2 [blocks]
commit; -- T1 [anomaly if committed]
commit; -- T2 [anomaly if committed]
