import { Module } from '@nestjs/common';
import { ClassificationHandler } from './classification.handler';

@Module({ controllers: [ClassificationHandler] })
export class ClassifierModule {}
