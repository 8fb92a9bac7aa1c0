loadPatient().then(initRecords).then(initDevices);
initPump();
